# Read by CTest after the test cases Catch2 registered (TEST_INCLUDE_FILES, appended last).
# Tests that compare what the player did against the wall clock to within tens of
# milliseconds run alone: on a 2-core machine a neighbouring test's compile-heavy work can
# hold the player's (or the test's reader's) thread for longer than the tolerance, which says
# nothing about gatecast.
set(gatecast_wall_clock_tests
    "video:video sound: bursts are heard within 40 ms of their frames, at the slide's volume")
foreach(test IN LISTS gatecast_wall_clock_tests)
  set_tests_properties("${test}" PROPERTIES RUN_SERIAL TRUE)
endforeach()

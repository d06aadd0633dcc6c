# Fails when a source of content/ or player/ refuses content or fails at run time without
# naming a Reason (content/base/error.hpp): fail_rejected(...) or fail_runtime(...) whose first
# argument is not a reason, or an Error built for rejected/runtime without one. Programs read
# the reason (status --json, state.json, the heartbeat, the USB banner's wording per language,
# the tests); a refusal without one shows up there as "none".
file(GLOB_RECURSE sources "${ROOT}/content/*.cpp" "${ROOT}/player/*.cpp")
set(offenders "")
foreach(source ${sources})
  file(READ "${source}" text)
  string(REGEX MATCHALL "fail_(rejected|runtime)\\([ \t\r\n]*[A-Za-z_:]+" calls "${text}")
  string(REGEX MATCHALL "Outcome::(rejected|runtime),[ \t\r\n]*[A-Za-z_:]+" built "${text}")
  foreach(call ${calls} ${built})
    # The reason comes first after the outcome: Reason::x, or a variable or function named for it.
    if(NOT call MATCHES "(\\(|,)[ \t\r\n]*(Reason::|reason|status_reason|problems)")
      string(REGEX REPLACE "[ \t\r\n]+" " " call "${call}")
      file(RELATIVE_PATH where "${ROOT}" "${source}")
      list(APPEND offenders "${where}: ${call}")
    endif()
  endforeach()
endforeach()
if(offenders)
  list(JOIN offenders "\n" listing)
  message(FATAL_ERROR "refusals and runtime failures without a Reason:\n${listing}")
endif()
list(LENGTH sources count)
message(STATUS "${count} sources of content/ and player/: every refusal and runtime failure names its reason")

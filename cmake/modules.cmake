# One static library per module, each with an include root of its own that holds only that
# module's folder. A module sees another module's headers only through target_link_libraries,
# so an #include that runs against the layering (content/ including from player/, signing/
# from store/) is "No such file or directory" at compile time, not a review comment.
# tests/layering/ proves it on every run of the suite.
#
#   gatecast_module(<target> DIR <folder below the project> [DEPENDS <modules>...]
#                   [PUBLIC_LIBS <libs>...] [PRIVATE_LIBS <libs>...])
#
# Headers are included by their path from the project root ("content/store/blobs.hpp"); the
# include root is a folder in the build tree with one link, <root>/<DIR> -> the source folder.
function(gatecast_module target)
  cmake_parse_arguments(M "" "DIR" "DEPENDS;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  set(root "${PROJECT_BINARY_DIR}/include-roots/${target}")
  get_filename_component(link_parent "${root}/${M_DIR}" DIRECTORY)
  file(MAKE_DIRECTORY "${link_parent}")
  if(NOT IS_SYMLINK "${root}/${M_DIR}")
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/${M_DIR}" "${root}/${M_DIR}" SYMBOLIC)
  endif()

  file(GLOB sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/${M_DIR}/*.cpp")
  if(sources)
    add_library(${target} STATIC ${sources})
    target_include_directories(${target} PUBLIC "${root}")
    target_link_libraries(${target} PUBLIC ${M_DEPENDS} ${M_PUBLIC_LIBS} gatecast_options PRIVATE ${M_PRIVATE_LIBS})
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE "${root}")
    target_link_libraries(${target} INTERFACE ${M_DEPENDS} ${M_PUBLIC_LIBS} gatecast_options)
  endif()
endfunction()

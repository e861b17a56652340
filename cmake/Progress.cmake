# The "progress" target: builds the starter-side suites, runs them, and
# prints per chapter how many tests pass and which chapter to work on next.
#
#   cmake --build --preset progress
if(NOT MLP_BUILD_TESTS)
    return()
endif()

get_property(chapters GLOBAL PROPERTY MLP_CHAPTERS)
set(index "# Written by CMake: the chapters the progress script reports on.\n")
string(APPEND index "set(MLP_CHAPTERS \"${chapters}\")\n")
set(suites "")
foreach(stem IN LISTS chapters)
    string(SUBSTRING "${stem}" 0 2 number)
    get_property(title GLOBAL PROPERTY MLP_TITLE_${number})
    string(APPEND index "set(MLP_TITLE_${number} \"${title}\")\n")
    list(APPEND suites test_${stem}_starter)
endforeach()
file(WRITE "${CMAKE_BINARY_DIR}/mlp_chapters.cmake" "${index}")

add_custom_target(progress
    COMMAND "${CMAKE_COMMAND}" "-DBUILD_DIR=${CMAKE_BINARY_DIR}" "-DCONFIG=$<CONFIG>"
            "-DCTEST=${CMAKE_CTEST_COMMAND}" -P "${PROJECT_SOURCE_DIR}/cmake/progress.cmake"
    DEPENDS ${suites}
    USES_TERMINAL
    COMMENT "Running the starter_code/ tests of every chapter")

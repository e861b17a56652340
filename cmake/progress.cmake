# Prints, per chapter, how many of its starter tests pass, and the chapter to
# work on next. Run it through the build, which builds the suites first:
#
#   cmake --build --preset progress
#
# or on any configured and built folder:
#
#   cmake -DBUILD_DIR=build/dev -P cmake/progress.cmake
cmake_minimum_required(VERSION 3.22)
include("${CMAKE_CURRENT_LIST_DIR}/TestResults.cmake")

if(NOT BUILD_DIR OR NOT EXISTS "${BUILD_DIR}/mlp_chapters.cmake")
    message(FATAL_ERROR "progress: BUILD_DIR must be a configured build folder, such as build/dev "
                        "(configure one with: cmake --preset dev)")
endif()
include("${BUILD_DIR}/mlp_chapters.cmake")
if(NOT CTEST)
    get_filename_component(cmake_bin "${CMAKE_COMMAND}" DIRECTORY)
    set(CTEST "${cmake_bin}/ctest")
endif()
if(NOT CONFIG)
    set(CONFIG Debug)
endif()

cmake_host_system_information(RESULT cores QUERY NUMBER_OF_LOGICAL_CORES)
set(junit "${BUILD_DIR}/progress.xml")
file(REMOVE "${junit}")
execute_process(
    COMMAND "${CTEST}" --test-dir "${BUILD_DIR}" -C "${CONFIG}" -L "^starter$" -j ${cores}
            --output-junit "${junit}"
    OUTPUT_QUIET ERROR_QUIET)
mlp_count_results("${junit}" "${MLP_CHAPTERS}")

set(report "\nYour progress: starter_code/ tests passing, per chapter\n\n")
set(next "")
foreach(stem IN LISTS MLP_CHAPTERS)
    string(SUBSTRING "${stem}" 0 2 number)
    math(EXPR shown "${number}")  # "01" -> "1"
    set(title "${MLP_TITLE_${number}}")
    string(LENGTH "${title}" width)
    math(EXPR pad "20 - ${width}")
    string(REPEAT " " ${pad} spaces)
    set(mark "")
    if(MLP_TOTAL_${number} EQUAL 0)
        set(mark "  (no tests found: does this chapter compile?)")
    elseif(MLP_PASSED_${number} EQUAL MLP_TOTAL_${number})
        set(mark "  done")
    endif()
    if(NOT next AND NOT mark STREQUAL "  done")
        set(next "${number}")
        set(next_title "${title}")
        set(next_stem "${stem}")
    endif()
    string(APPEND report
           "  Chapter ${shown}  ${title}${spaces}${MLP_PASSED_${number}}/${MLP_TOTAL_${number}}${mark}\n")
endforeach()
if(next)
    math(EXPR shown "${next}")
    string(APPEND report "\nNext: chapter ${shown}, ${next_title}. Fill in starter_code/${next_stem}.hpp "
                         "(lesson.md chapter ${shown}), then run: ctest --preset ch${next}\n")
else()
    string(APPEND report "\nEvery chapter passes. Run your own letter classifier: "
                         "build/dev/starter_code/07_final_project\n")
endif()
message("${report}")

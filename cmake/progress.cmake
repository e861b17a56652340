# Prints, per chapter, how many of its starter tests pass, and the chapter to
# work on next. Run through the build (it builds the suites first):
#
#   cmake --build --preset progress
#
# or directly on a build folder: cmake -DBUILD_DIR=build/dev -P cmake/progress.cmake
cmake_minimum_required(VERSION 3.22)

if(NOT BUILD_DIR OR NOT EXISTS "${BUILD_DIR}/mlp_chapters.cmake")
    message(FATAL_ERROR "progress: BUILD_DIR must be a configured build folder, such as build/dev "
                        "(configure it with: cmake --preset dev)")
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
execute_process(
    COMMAND "${CTEST}" --test-dir "${BUILD_DIR}" -C "${CONFIG}" -L "^starter$" -j ${cores}
    OUTPUT_VARIABLE output
    ERROR_VARIABLE errors
    RESULT_VARIABLE ignored)

# One line per test, e.g.
#   3/16 Test  #3: starter.ch01.DotProduct.IsOneNeuronsWeightedSum ...   Passed    0.01 sec
string(REGEX MATCHALL "Test +#[0-9]+: starter\\.ch[0-9][0-9]\\.[^\n]*" lines "${output}")
foreach(stem IN LISTS MLP_CHAPTERS)
    string(SUBSTRING "${stem}" 0 2 number)
    set(total_${number} 0)
    set(passed_${number} 0)
endforeach()
foreach(line IN LISTS lines)
    string(REGEX MATCH "starter\\.ch([0-9][0-9])\\." ignored "${line}")
    set(number "${CMAKE_MATCH_1}")
    if(NOT DEFINED total_${number})
        continue()
    endif()
    math(EXPR total_${number} "${total_${number}} + 1")
    if(line MATCHES " Passed +[0-9.]+ sec")
        math(EXPR passed_${number} "${passed_${number}} + 1")
    endif()
endforeach()

set(report "\nYour progress: starter_code/ tests passing, per chapter\n\n")
set(next "")
foreach(stem IN LISTS MLP_CHAPTERS)
    string(SUBSTRING "${stem}" 0 2 number)
    math(EXPR shown "${number}")  # "01" -> "1"
    set(title "${MLP_TITLE_${number}}")
    string(LENGTH "${title}" width)
    math(EXPR pad "20 - ${width}")
    string(REPEAT " " ${pad} spaces)
    set(done "${passed_${number}}/${total_${number}}")
    set(mark "")
    if(total_${number} EQUAL 0)
        set(mark "  (no tests found: is the build up to date?)")
    elseif(passed_${number} EQUAL total_${number})
        set(mark "  done")
    elseif(NOT next)
        set(next "${number}")
        set(next_title "${title}")
        set(next_stem "${stem}")
    endif()
    string(APPEND report "  Chapter ${shown}  ${title}${spaces}${done}${mark}\n")
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

# Grade a submission: build every chapter's suite against a folder laid out
# like starter_code/ (anywhere on disk), run it, and write JUnit XML and a
# per-chapter score table.
#
#   cmake -DSUBMISSION=/path/to/student -P cmake/grade.cmake
#   cmake -DSUBMISSION=/path/to/student -DOUTPUT=results/alice -P cmake/grade.cmake
#
# Writes OUTPUT/junit.xml (every test) and OUTPUT/scores.csv
# (chapter,title,passed,total,status), and prints the table. OUTPUT defaults
# to build/grade/<submission folder name>. A chapter that does not compile
# scores 0 and says so; the other chapters are still graded.
cmake_minimum_required(VERSION 3.22)
get_filename_component(repo "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
include("${CMAKE_CURRENT_LIST_DIR}/TestResults.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/BuildSuites.cmake")

if(NOT SUBMISSION OR NOT IS_DIRECTORY "${SUBMISSION}")
    message(FATAL_ERROR "grade: SUBMISSION must be a folder laid out like starter_code/: "
                        "cmake -DSUBMISSION=/path/to/folder -P cmake/grade.cmake")
endif()
get_filename_component(SUBMISSION "${SUBMISSION}" ABSOLUTE)
get_filename_component(student "${SUBMISSION}" NAME)
if(NOT OUTPUT)
    set(OUTPUT "${repo}/build/grade/${student}")
endif()
get_filename_component(OUTPUT "${OUTPUT}" ABSOLUTE BASE_DIR "${repo}")
set(build "${OUTPUT}/build")
get_filename_component(cmake_bin "${CMAKE_COMMAND}" DIRECTORY)
set(ctest "${cmake_bin}/ctest")

message("grade: configuring a build of ${SUBMISSION}")
execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${repo}" -B "${build}" -DCMAKE_BUILD_TYPE=Debug
            "-DMLP_STARTER_DIR=${SUBMISSION}"
    RESULT_VARIABLE failed OUTPUT_VARIABLE log ERROR_VARIABLE log)
if(failed)
    message(FATAL_ERROR "grade: the build of ${SUBMISSION} could not be configured:\n${log}")
endif()
include("${build}/mlp_chapters.cmake")

# Each chapter's suite on its own, in order: one that does not compile costs
# only itself and the chapters that include it.
mlp_build_suites("${build}" Debug "${MLP_CHAPTERS}")
cmake_host_system_information(RESULT cores QUERY NUMBER_OF_LOGICAL_CORES)
foreach(stem IN LISTS MLP_CHAPTERS)
    string(SUBSTRING "${stem}" 0 2 number)
    set(compiles_${number} TRUE)
    if(NOT MLP_BUILD_${number} STREQUAL "ok")
        set(compiles_${number} FALSE)
    endif()
endforeach()
if(MLP_BROKEN)
    file(WRITE "${OUTPUT}/ch${MLP_BROKEN}-build.log" "${MLP_BROKEN_LOG}\n")
    message("grade: chapter ${MLP_BROKEN} does not compile (see ${OUTPUT}/ch${MLP_BROKEN}-build.log); "
            "the chapters after it include it")
endif()

execute_process(
    COMMAND "${ctest}" --test-dir "${build}" -C Debug -L "^starter$" -j ${cores}
            --output-junit "${OUTPUT}/junit.xml"
    OUTPUT_QUIET ERROR_QUIET)
mlp_count_results("${OUTPUT}/junit.xml" "${MLP_CHAPTERS}")

set(csv "chapter,title,passed,total,status\n")
set(table "\nScores for ${SUBMISSION}\n\n  chapter  title                 passed / total\n")
set(all_passed 0)
set(all_total 0)
foreach(stem IN LISTS MLP_CHAPTERS)
    string(SUBSTRING "${stem}" 0 2 number)
    set(title "${MLP_TITLE_${number}}")
    set(passed ${MLP_PASSED_${number}})
    set(total ${MLP_TOTAL_${number}})
    set(status "graded")
    if(NOT compiles_${number})
        set(passed 0)
        set(status "does not compile")
        if(MLP_BUILD_${number} STREQUAL "waits")
            set(status "does not compile (it includes chapter ${MLP_BROKEN})")
        endif()
        # The number of tests the chapter has, from the solution's suite.
        execute_process(
            COMMAND "${CMAKE_COMMAND}" --build "${build}" --config Debug --target test_${stem}_solution
            RESULT_VARIABLE no_solution OUTPUT_QUIET ERROR_QUIET)
        if(NOT no_solution)
            execute_process(COMMAND "${ctest}" --test-dir "${build}" -C Debug -N -R "^solution\\.ch${number}\\."
                            OUTPUT_VARIABLE listing ERROR_QUIET)
            string(REGEX MATCHALL "Test +#[0-9]+:" listed "${listing}")
            list(LENGTH listed total)
        endif()
    endif()
    math(EXPR all_passed "${all_passed} + ${passed}")
    math(EXPR all_total "${all_total} + ${total}")
    string(APPEND csv "${number},${title},${passed},${total},${status}\n")
    string(LENGTH "${title}" width)
    math(EXPR pad "22 - ${width}")
    string(REPEAT " " ${pad} spaces)
    set(note "")
    if(NOT status STREQUAL "graded")
        set(note "  (${status})")
    endif()
    string(APPEND table "  ${number}       ${title}${spaces}${passed} / ${total}${note}\n")
endforeach()
string(APPEND table "\n  all                            ${all_passed} / ${all_total}\n")
file(WRITE "${OUTPUT}/scores.csv" "${csv}")
message("${table}\nWrote ${OUTPUT}/junit.xml and ${OUTPUT}/scores.csv")

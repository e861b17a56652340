# Grade a submission: build every chapter's suite against a folder laid out
# like starter_code/ (anywhere on disk), run it, and write JUnit XML and a
# per-chapter score table.
#
#   cmake -DSUBMISSION=/path/to/student -P cmake/grade.cmake
#   cmake -DSUBMISSION=/path/to/student -DOUTPUT=results/alice -P cmake/grade.cmake
#
# Writes OUTPUT/junit.xml (every test, each failure typed: failed, timed-out,
# crashed or flooded) and OUTPUT/scores.csv (chapter, title, passed, total,
# failed, timed_out, crashed, flooded, status), and prints the table. OUTPUT
# defaults to build/grade/<submission folder name>.
#
# Grading compiles and runs the submission's code with your rights: run it in
# a throw-away container or CI runner (README, "For instructors"). Within
# that, it always finishes and cannot be fooled:
#   - only the submission's chapter headers are taken from it, and each is
#     checked first (CheckSubmission.cmake): a header that defines or
#     undefines a macro, includes anything but the standard library and the
#     submission's own headers, or puts code outside namespace mlp is
#     refused, naming the file and line; the programs, the plumbing and the
#     tests are the grader's own;
#   - every test has a time budget (its watchdog, then ctest's timeout), and
#     every build step and the whole test run have one of grade.cmake's own;
#   - every test's output is capped (grade_runner, on Linux and macOS);
#   - a chapter that does not compile scores 0 and says so; the others are
#     still graded.
#
# Options: -DTEST_SECONDS=10 (a unit test's budget; a training test gets 6
# times as long), -DBUILD_MINUTES=10 (per chapter), -DRUN_MINUTES=60 (all the
# tests together).
cmake_minimum_required(VERSION 3.22)
get_filename_component(repo "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
include("${CMAKE_CURRENT_LIST_DIR}/BuildSuites.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/CheckSubmission.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/GradeVerdicts.cmake")

foreach(option_and_default TEST_SECONDS=10 BUILD_MINUTES=10 RUN_MINUTES=60)
    string(REPLACE "=" ";" pair "${option_and_default}")
    list(GET pair 0 name)
    list(GET pair 1 default)
    if(NOT ${name})
        set(${name} ${default})
    elseif(NOT ${name} MATCHES "^[1-9][0-9]*$")
        message(FATAL_ERROR "grade: ${name} must be a whole number above 0, got '${${name}}'")
    endif()
endforeach()

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
set(staged "${OUTPUT}/submission")
get_filename_component(cmake_bin "${CMAKE_COMMAND}" DIRECTORY)
set(ctest "${cmake_bin}/ctest")

# The grader's own starter_code/ (programs, plumbing, stubs), with the
# submission's chapter headers in place of the stubs, each checked first.
file(GLOB chapter_headers RELATIVE "${repo}/starter_code" "${repo}/starter_code/0[1-9]_*.hpp")
list(SORT chapter_headers)
file(REMOVE_RECURSE "${staged}")
file(COPY "${repo}/starter_code/" DESTINATION "${staged}")
foreach(header IN LISTS chapter_headers)
    if(EXISTS "${SUBMISSION}/${header}")
        mlp_check_submission_header("${SUBMISSION}/${header}" problem)
        if(problem)
            set(csv "chapter,title,passed,total,failed,timed_out,crashed,flooded,status\n")
            file(WRITE "${OUTPUT}/scores.csv" "${csv}all,,0,0,0,0,0,0,refused: ${problem}\n")
            message(FATAL_ERROR "grade: refused: ${problem}\nNothing of ${SUBMISSION} was compiled "
                                "or run; ${OUTPUT}/scores.csv says so.")
        endif()
        file(COPY_FILE "${SUBMISSION}/${header}" "${staged}/${header}")
    endif()
endforeach()

message("grade: configuring a build of ${SUBMISSION}")
execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${repo}" -B "${build}" -DCMAKE_BUILD_TYPE=Debug
            "-DMLP_STARTER_DIR=${staged}" -DMLP_GRADING=ON "-DMLP_TEST_SECONDS=${TEST_SECONDS}"
    RESULT_VARIABLE failed OUTPUT_VARIABLE log ERROR_VARIABLE log)
if(failed)
    message(FATAL_ERROR "grade: the build of ${SUBMISSION} could not be configured:\n${log}")
endif()
include("${build}/mlp_chapters.cmake")

# Each chapter's suite on its own, in order: one that does not compile costs
# only itself and the chapters that include it.
math(EXPR build_seconds "${BUILD_MINUTES} * 60")
mlp_build_suites("${build}" Debug "${MLP_CHAPTERS}" ${build_seconds})
if(MLP_BROKEN)
    file(WRITE "${OUTPUT}/ch${MLP_BROKEN}-build.log" "${MLP_BROKEN_LOG}\n")
    message("grade: chapter ${MLP_BROKEN} does not compile (see ${OUTPUT}/ch${MLP_BROKEN}-build.log); "
            "the chapters after it include it")
endif()

# Every test of the chapters that compiled, in one bounded run.
set(built "")
foreach(stem IN LISTS MLP_CHAPTERS)
    string(SUBSTRING "${stem}" 0 2 number)
    if(MLP_BUILD_${number} STREQUAL "ok")
        list(APPEND built "${number}")
    endif()
endforeach()
set(ctest_output "")
if(built)
    list(JOIN built "|" alternatives)
    cmake_host_system_information(RESULT cores QUERY NUMBER_OF_LOGICAL_CORES)
    math(EXPR run_seconds "${RUN_MINUTES} * 60")
    execute_process(
        COMMAND "${ctest}" --test-dir "${build}" -C Debug -L "^starter$"
                -R "^starter\\.ch(${alternatives})\\." -j ${cores} --output-junit "${OUTPUT}/ctest.xml"
                --test-output-size-passed 131072 --test-output-size-failed 131072
        TIMEOUT ${run_seconds}
        RESULT_VARIABLE ran OUTPUT_VARIABLE ctest_output ERROR_VARIABLE ctest_output)
    if(ran MATCHES "timeout")
        message("grade: the tests did not finish within RUN_MINUTES=${RUN_MINUTES}; the ones that "
                "did not report count as failed")
    endif()
endif()
mlp_grade_verdicts("${ctest_output}" "${OUTPUT}/ctest.xml" "${OUTPUT}/junit.xml")

# The number of tests a chapter that did not compile has, from the solution's
# suite (when the solutions are there).
function(solution_test_count stem number out_var)
    set(count 0)
    execute_process(
        COMMAND "${CMAKE_COMMAND}" --build "${build}" --config Debug --target test_${stem}_solution
        RESULT_VARIABLE no_solution OUTPUT_QUIET ERROR_QUIET)
    if(NOT no_solution)
        execute_process(COMMAND "${ctest}" --test-dir "${build}" -C Debug -N -R "^solution\\.ch${number}\\."
                        -E "\\.Given" OUTPUT_VARIABLE listing ERROR_QUIET)
        string(REGEX MATCHALL "Test +#[0-9]+:" listed "${listing}")
        list(LENGTH listed count)
    endif()
    set(${out_var} ${count} PARENT_SCOPE)
endfunction()

set(csv "chapter,title,passed,total,failed,timed_out,crashed,flooded,status\n")
set(table "\nScores for ${SUBMISSION}\n\n  chapter  title                 passed / total\n")
set(all_passed 0)
set(all_total 0)
foreach(stem IN LISTS MLP_CHAPTERS)
    string(SUBSTRING "${stem}" 0 2 number)
    set(title "${MLP_TITLE_${number}}")
    set(total ${MLP_TOTAL_${number}})
    set(status "graded")
    if(MLP_BUILD_${number} STREQUAL "broken")
        set(status "does not compile")
    elseif(MLP_BUILD_${number} STREQUAL "waits")
        set(status "does not compile (it includes chapter ${MLP_BROKEN})")
    endif()
    if(NOT status STREQUAL "graded")
        solution_test_count(${stem} ${number} total)
    endif()
    set(counts "${MLP_PASSED_${number}},${total},${MLP_FAILED_${number}},${MLP_TIMED_OUT_${number}}")
    string(APPEND csv "${number},${title},${counts},${MLP_CRASHED_${number}},"
                      "${MLP_FLOODED_${number}},${status}\n")
    math(EXPR all_passed "${all_passed} + ${MLP_PASSED_${number}}")
    math(EXPR all_total "${all_total} + ${total}")
    set(note "")
    foreach(kind TIMED_OUT CRASHED FLOODED)
        if(MLP_${kind}_${number} GREATER 0)
            string(TOLOWER "${kind}" word)
            string(REPLACE "_" " " word "${word}")
            string(APPEND note ", ${MLP_${kind}_${number}} ${word}")
        endif()
    endforeach()
    if(NOT status STREQUAL "graded")
        set(note ", ${status}")
    endif()
    if(note)
        string(SUBSTRING "${note}" 2 -1 note)
        set(note "  (${note})")
    endif()
    string(LENGTH "${title}" width)
    math(EXPR pad "22 - ${width}")
    string(REPEAT " " ${pad} spaces)
    string(APPEND table "  ${number}       ${title}${spaces}${MLP_PASSED_${number}} / ${total}${note}\n")
endforeach()
string(APPEND table "\n  all                            ${all_passed} / ${all_total}\n")
file(WRITE "${OUTPUT}/scores.csv" "${csv}")
message("${table}\nWrote ${OUTPUT}/junit.xml and ${OUTPUT}/scores.csv")

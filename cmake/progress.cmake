# Your progress: builds every chapter's starter tests, runs them, and prints
# per chapter how many pass, and the chapter to work on next.
#
#   cmake -P cmake/progress.cmake                        the build folder build/dev
#   cmake -DBUILD_DIR=path/to/build -P cmake/progress.cmake
#
# A chapter that does not compile is shown as such, with the compiler's
# message printed once, above the table; the chapters before it still show
# their counts (the ones after it include it, so they wait for it). BUILD_DIR
# may be relative to the current folder; build/dev is configured first if it
# has not been yet.
cmake_minimum_required(VERSION 3.22)
get_filename_component(repo "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
include("${CMAKE_CURRENT_LIST_DIR}/TestResults.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/BuildSuites.cmake")

if(NOT BUILD_DIR)
    set(BUILD_DIR "${repo}/build/dev")
    if(NOT EXISTS "${BUILD_DIR}/mlp_chapters.cmake")
        message("progress: configuring ${BUILD_DIR} first")
        execute_process(COMMAND "${CMAKE_COMMAND}" -S "${repo}" -B "${BUILD_DIR}" -DCMAKE_BUILD_TYPE=Debug
                        RESULT_VARIABLE failed OUTPUT_QUIET)
        if(failed)
            message(FATAL_ERROR "progress: could not configure ${BUILD_DIR}; run cmake --preset dev to see why")
        endif()
    endif()
endif()
get_filename_component(BUILD_DIR "${BUILD_DIR}" ABSOLUTE)  # ctest runs in it; we read its results here
if(NOT EXISTS "${BUILD_DIR}/mlp_chapters.cmake")
    message(FATAL_ERROR "progress: ${BUILD_DIR} is not a configured build folder "
                        "(configure one with: cmake --preset dev)")
endif()
include("${BUILD_DIR}/mlp_chapters.cmake")
if(NOT CONFIG)
    set(CONFIG Debug)
endif()
get_filename_component(cmake_bin "${CMAKE_COMMAND}" DIRECTORY)
set(ctest "${cmake_bin}/ctest")

mlp_build_suites("${BUILD_DIR}" "${CONFIG}" "${MLP_CHAPTERS}")
if(MLP_BROKEN)
    math(EXPR shown "${MLP_BROKEN}")
    message("\nChapter ${shown} does not compile. The compiler says:\n\n${MLP_BROKEN_LOG}\n")
endif()

# Run the tests of every chapter that compiled, in one ctest run.
set(built "")
foreach(stem IN LISTS MLP_CHAPTERS)
    string(SUBSTRING "${stem}" 0 2 number)
    if(MLP_BUILD_${number} STREQUAL "ok")
        list(APPEND built "${number}")
    endif()
endforeach()
set(junit "${BUILD_DIR}/progress.xml")
file(REMOVE "${junit}")
if(built)
    list(JOIN built "|" alternatives)
    cmake_host_system_information(RESULT cores QUERY NUMBER_OF_LOGICAL_CORES)
    execute_process(
        COMMAND "${ctest}" --test-dir "${BUILD_DIR}" -C "${CONFIG}" -L "^starter$"
                -R "^starter\\.ch(${alternatives})\\." -j ${cores} --output-junit "${junit}"
        OUTPUT_QUIET ERROR_QUIET)
endif()
mlp_count_results("${junit}" "${MLP_CHAPTERS}")

set(report "Your progress: starter_code/ tests passing, per chapter\n\n")
set(next "")
set(main_path_ended FALSE)
foreach(stem IN LISTS MLP_CHAPTERS)
    string(SUBSTRING "${stem}" 0 2 number)
    math(EXPR shown "${number}")  # "01" -> "1"
    set(title "${MLP_TITLE_${number}}")
    set(kind "${MLP_KIND_${number}}")
    if(kind AND NOT main_path_ended)
        set(main_path_ended TRUE)
        string(APPEND report "  (chapter ${previous} ends the main path; the rest are extras)\n")
    endif()
    string(LENGTH "${title}" width)
    math(EXPR pad "20 - ${width}")
    string(REPEAT " " ${pad} spaces)
    set(done FALSE)
    if(MLP_BUILD_${number} STREQUAL "broken")
        set(count "does not compile: cmake --workflow --preset ch${number} shows why")
    elseif(MLP_BUILD_${number} STREQUAL "waits")
        math(EXPR broken_shown "${MLP_BROKEN}")
        set(count "waits for chapter ${broken_shown} to compile")
    elseif(MLP_TOTAL_${number} EQUAL 0)
        set(count "no tests ran: cmake --workflow --preset ch${number} shows why")
    else()
        set(count "${MLP_PASSED_${number}}/${MLP_TOTAL_${number}}")
        if(MLP_PASSED_${number} EQUAL MLP_TOTAL_${number})
            set(done TRUE)
            string(APPEND count "  done")
        endif()
    endif()
    if(kind)
        string(TOLOWER "${kind}" lower)
        string(APPEND count "  (${lower})")
    endif()
    if(NOT next AND NOT done AND NOT kind)
        set(next "${number}")
        set(next_title "${title}")
        set(next_stem "${stem}")
    endif()
    string(APPEND report "  Chapter ${shown}  ${title}${spaces}${count}\n")
    set(previous "${shown}")
endforeach()

if(next)
    math(EXPR shown "${next}")
    if(next STREQUAL MLP_BROKEN)
        string(APPEND report "\nNext: make chapter ${shown} compile (the compiler's message is above), "
                             "then run: cmake --workflow --preset ch${next}\n")
    else()
        string(APPEND report "\nNext: chapter ${shown}, ${next_title}. Fill in starter_code/${next_stem}.hpp "
                             "(lesson.md chapter ${shown}); after each change run: "
                             "cmake --workflow --preset ch${next}\n")
    endif()
else()
    string(APPEND report "\nThe main path is done: your own letter classifier is "
                         "build/dev/starter_code/07_final_project. The extras above each have their "
                         "own command too, such as cmake --workflow --preset ch08.\n")
endif()
message("${report}")

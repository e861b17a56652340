# mlp_build_suites(<build-dir> <config> <chapters> [<seconds>]): builds the
# starter-side suite of each chapter, in order, for the progress and grade
# scripts; with <seconds>, a build that takes longer counts as broken.
#
# Chapter N's header includes chapter N - 1's, so once a chapter does not
# compile, neither can any later one: those are not tried. Sets, in the
# caller's scope, for each chapter NN:
#   MLP_BUILD_NN   "ok", "broken" (its own build failed) or "waits" (an
#                  earlier chapter does not compile)
# and MLP_BROKEN (the first broken chapter's NN, or empty) and MLP_BROKEN_LOG
# (what the compiler said about it, without the build tool's own lines).
function(mlp_build_suites build config chapters)
    cmake_host_system_information(RESULT cores QUERY NUMBER_OF_LOGICAL_CORES)
    set(limit "")
    if(ARGC GREATER 3)
        set(limit TIMEOUT ${ARGV3})
    endif()
    set(broken "")
    set(broken_log "")
    foreach(stem IN LISTS chapters)
        string(SUBSTRING "${stem}" 0 2 number)
        if(broken)
            set(MLP_BUILD_${number} "waits" PARENT_SCOPE)
            continue()
        endif()
        execute_process(
            COMMAND "${CMAKE_COMMAND}" --build "${build}" --config "${config}"
                    --target test_${stem}_starter --parallel ${cores}
            ${limit} RESULT_VARIABLE failed OUTPUT_VARIABLE log ERROR_VARIABLE log)
        if(failed MATCHES "timeout")
            string(APPEND log "\nThe build took longer than ${ARGV3} seconds and was stopped.")
        endif()
        if(failed)
            set(MLP_BUILD_${number} "broken" PARENT_SCOPE)
            set(broken "${number}")
            # Keep the compiler's words; drop the build tool's progress lines.
            string(REGEX REPLACE "\n\\[ *[0-9]+%\\][^\n]*" "" log "\n${log}")
            string(REGEX REPLACE "\n[^\n]*(make|ninja|MSBuild)[^\n]*(Error|error|stopped|failed)[^\n]*" ""
                   log "${log}")
            string(STRIP "${log}" broken_log)
        else()
            set(MLP_BUILD_${number} "ok" PARENT_SCOPE)
        endif()
    endforeach()
    set(MLP_BROKEN "${broken}" PARENT_SCOPE)
    set(MLP_BROKEN_LOG "${broken_log}" PARENT_SCOPE)
endfunction()

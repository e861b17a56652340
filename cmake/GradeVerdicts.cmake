# The verdict on every test of a graded run, from what ctest printed and the
# JUnit file it wrote. Used by grade.cmake.
#
# mlp_grade_verdicts(<ctest-output> <junit-file> <out-junit-file>) sets, in
# the caller's scope, for each chapter NN: MLP_PASSED_NN, MLP_TOTAL_NN,
# MLP_FAILED_NN, MLP_TIMED_OUT_NN, MLP_CRASHED_NN and MLP_FLOODED_NN, and
# writes <out-junit-file>: ctest's JUnit with every failure's type and
# message set to the verdict:
#   failed     a check failed (the test's own output says which)
#   timed-out  stopped by its time budget: the watchdog's TIMED OUT line,
#              or ctest's own timeout
#   crashed    died of a signal; the message names it
#   flooded    printed more than the cap and was stopped

# ctest's word for how a test died, as the signal it means.
function(mlp_crash_words ctest_words out_var)
    set(words "${ctest_words}")
    if(ctest_words MATCHES "SegFault")
        set(words "SIGSEGV, a bad memory access")
    elseif(ctest_words MATCHES "Numerical")
        set(words "SIGFPE, a division by zero")
    elseif(ctest_words MATCHES "aborted")
        set(words "SIGABRT, an abort")
    elseif(ctest_words MATCHES "Illegal")
        set(words "SIGILL, an illegal instruction")
    elseif(ctest_words MATCHES "Bus")
        set(words "SIGBUS, a bad memory access")
    endif()
    set(${out_var} "${words}" PARENT_SCOPE)
endfunction()

function(mlp_grade_verdicts ctest_output junit out_junit)
    # How ctest saw each test: "Passed", "***Failed", "***Timeout",
    # "***Exception: SegFault", "Subprocess aborted***Exception:", ...
    string(REGEX MATCHALL "Test +#[0-9]+: [^\n]*sec" lines "${ctest_output}")
    foreach(line IN LISTS lines)
        if(line MATCHES "^Test +#[0-9]+: ([^ ]+)[^.]* \\.*(.*[^ ]) +[0-9.]+ sec$")
            string(MD5 key "${CMAKE_MATCH_1}")
            set(seen_${key} "${CMAKE_MATCH_2}")
        endif()
    endforeach()

    set(xml "")
    if(EXISTS "${junit}")
        file(READ "${junit}" xml)
    endif()
    set(counters PASSED TOTAL FAILED TIMED_OUT CRASHED FLOODED)
    set(result "")
    set(rest "${xml}")
    string(FIND "${rest}" "<testcase " at)
    if(at GREATER -1)
        string(SUBSTRING "${rest}" 0 ${at} result)
    endif()
    while(at GREATER -1)
        string(SUBSTRING "${rest}" ${at} -1 rest)
        string(FIND "${rest}" "</testcase>" stop)
        math(EXPR stop "${stop} + 11")
        string(SUBSTRING "${rest}" 0 ${stop} case)
        string(SUBSTRING "${rest}" ${stop} -1 rest)
        string(FIND "${rest}" "<testcase " at)
        string(SUBSTRING "${rest}" 0 ${at} between)  # -1 takes the rest: the file's end

        string(REGEX MATCH "name=\"starter\\.ch([0-9][0-9])\\.([^\" ]+)" named "${case}")
        set(number "${CMAKE_MATCH_1}")
        string(MD5 key "starter.ch${number}.${CMAKE_MATCH_2}")
        if(named AND NOT DEFINED total_${number})
            foreach(counter IN LISTS counters)
                set(${counter}_${number} 0)
            endforeach()
            set(total_${number} TRUE)
        endif()
        set(verdict "")
        if(named AND case MATCHES "status=\"run\"")
            math(EXPR PASSED_${number} "${PASSED_${number}} + 1")
        elseif(named)
            if(case MATCHES "FLOODED: ")
                set(verdict "flooded" "printed more than the output cap and was stopped")
                set(counter FLOODED)
            elseif(case MATCHES "TIMED OUT after" OR seen_${key} MATCHES "Timeout")
                set(verdict "timed-out" "stopped by its time budget: a loop that never ends?")
                set(counter TIMED_OUT)
            elseif(seen_${key} MATCHES "Exception|aborted")
                mlp_crash_words("${seen_${key}}" words)
                set(verdict "crashed" "crashed: ${words}")
                set(counter CRASHED)
            else()
                set(verdict "failed" "a check failed")
                set(counter FAILED)
            endif()
            math(EXPR ${counter}_${number} "${${counter}_${number}} + 1")
            list(GET verdict 0 type)
            list(GET verdict 1 message)
            string(REGEX REPLACE "<failure[^>]*/>" "<failure type=\"${type}\" message=\"${message}\"/>"
                   case "${case}")
        endif()
        if(named)
            math(EXPR TOTAL_${number} "${TOTAL_${number}} + 1")
        endif()
        string(APPEND result "${case}${between}")
    endwhile()
    file(WRITE "${out_junit}" "${result}")

    foreach(var IN ITEMS ${counters})
        foreach(n RANGE 1 9)
            set(number "0${n}")
            if(DEFINED ${var}_${number})
                set(MLP_${var}_${number} ${${var}_${number}} PARENT_SCOPE)
            else()
                set(MLP_${var}_${number} 0 PARENT_SCOPE)
            endif()
        endforeach()
    endforeach()
endfunction()

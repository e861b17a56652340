# mlp_target_defaults(<target>): the warnings, floating-point and debug
# settings every program and test of the project is built with.

function(mlp_target_defaults target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8 /fp:precise)
        if(MLP_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    else()
        # -ffp-contract=off: no fused multiply-add, so every compiler rounds the
        # same way and the transcripts in lesson.md are exact everywhere.
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -ffp-contract=off)
        if(MLP_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    # In the debug build the standard library checks every [] index, so an
    # off-by-one stops at the line that made it.
    target_compile_definitions(${target} PRIVATE
        $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>
        $<$<CONFIG:Debug>:_LIBCPP_ENABLE_ASSERTIONS=1>)
endfunction()

# mlp_target_defaults(<target>): the warnings, floating-point and debug
# settings every program and test of the project is built with.

include(CheckCXXCompilerFlag)

option(MLP_DEBUG_OPTIMIZE "Debug builds with -Og (GCC, Clang): faster tests, still debuggable" ON)

# MLP_NATIVE (the release preset turns it on): let the compiler use every
# instruction this processor has, such as 4-wide AVX2 instead of 2-wide SSE2
# for the loops over weights. Each number is still computed by the same
# additions and multiplications in the same order, and -ffp-contract=off
# keeps out fused multiply-add, so the results are the same to the last bit;
# only the program may not run on an older processor.
if(MLP_NATIVE AND MSVC)
    message(STATUS "MLP_NATIVE: MSVC has no -march=native; building for the generic processor")
elseif(MLP_NATIVE)
    check_cxx_compiler_flag(-march=native MLP_COMPILER_HAS_MARCH_NATIVE)
    if(NOT MLP_COMPILER_HAS_MARCH_NATIVE)
        message(WARNING "MLP_NATIVE is on, but ${CMAKE_CXX_COMPILER_ID} does not take "
                        "-march=native: building for the generic processor instead")
    endif()
endif()

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
        # -Og in the debug build: the optimisations that keep a debugger's
        # view of the code, three times the speed of -O0 (training the
        # classifier: about 1 second instead of 3.4), the same numbers.
        if(MLP_DEBUG_OPTIMIZE)
            target_compile_options(${target} PRIVATE $<$<CONFIG:Debug>:-Og>)
        endif()
        if(MLP_NATIVE AND MLP_COMPILER_HAS_MARCH_NATIVE)
            target_compile_options(${target} PRIVATE -march=native)
        endif()
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

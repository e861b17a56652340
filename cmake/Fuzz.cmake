# fuzz_model_loader: libFuzzer on chapter 7's loader (tests/fuzz/), with
# AddressSanitizer and UndefinedBehaviorSanitizer. Clang only:
#
#   CXX=clang++ cmake -S . -B build/fuzz -DMLP_FUZZ=ON -DMLP_BUILD_TESTS=OFF
#   cmake --build build/fuzz --target fuzz_model_loader
#   build/fuzz/tests/fuzz_model_loader -max_total_time=60 CORPUS_FOLDER
option(MLP_FUZZ "Build the libFuzzer target for the model loader (Clang)" OFF)
if(NOT MLP_FUZZ)
    return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "MLP_FUZZ needs Clang (libFuzzer); this compiler is ${CMAKE_CXX_COMPILER_ID}")
endif()
if(NOT EXISTS "${MLP_SOLUTION_DIR}/07_final_project.hpp")
    message(FATAL_ERROR "MLP_FUZZ fuzzes the solution's loader: ${MLP_SOLUTION_DIR} has no chapter 7")
endif()
add_executable(fuzz_model_loader "${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_model_loader.cpp")
set_target_properties(fuzz_model_loader PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests$<0:>")
target_include_directories(fuzz_model_loader PRIVATE "${MLP_SOLUTION_DIR}")
mlp_target_defaults(fuzz_model_loader)
target_compile_options(fuzz_model_loader PRIVATE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)
target_link_options(fuzz_model_loader PRIVATE -fsanitize=fuzzer,address,undefined)

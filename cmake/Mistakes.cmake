# The mistake catalogue's suites (tests/tools/check_mistakes.py): for every
# folder in MLP_MISTAKES_DIR that holds a copy of solution/ with one mistake
# put in, and a file chapter.txt naming the chapter's stem, a suite built
# against it. One build makes them all, in parallel, sharing the
# precompiled GoogleTest header; check_mistakes.py runs each executable.
set(MLP_MISTAKES_DIR "" CACHE PATH "Folder of solution copies, one per catalogue mistake (check_mistakes.py)")
if(NOT MLP_MISTAKES_DIR OR NOT MLP_BUILD_TESTS)
    return()
endif()

add_custom_target(mistakes)
file(GLOB copies LIST_DIRECTORIES true "${MLP_MISTAKES_DIR}/*")
foreach(copy IN LISTS copies)
    if(NOT EXISTS "${copy}/chapter.txt")
        continue()
    endif()
    file(READ "${copy}/chapter.txt" stem)
    string(STRIP "${stem}" stem)
    get_filename_component(name "${copy}" NAME)
    mlp_suite_sources(${stem} sources)
    add_executable(mistake_${name} ${sources})
    set_target_properties(mistake_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${MLP_MISTAKES_DIR}/bin$<0:>")
    target_include_directories(mistake_${name} PRIVATE "${copy}")
    target_link_libraries(mistake_${name} PRIVATE mlp_test_main)
    mlp_target_defaults(mistake_${name})
    mlp_suite_compile_settings(mistake_${name})
    add_dependencies(mistakes mistake_${name})
endforeach()

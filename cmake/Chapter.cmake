# mlp_add_chapter(<NN> <name> <title> [OPTIONAL|BONUS]): one call adds a
# chapter; chapters after the main path are marked OPTIONAL or BONUS.
#
#   the program  solution/NN_name.cpp      -> <build>/solution/NN_name
#   the program  starter_code/NN_name.cpp  -> <build>/starter_code/NN_name
#   the suite    tests/test_NN_name.cpp    built against each folder (with any
#                tests/test_NN_name_*.cpp, the parts of a large suite),
#                every test a ctest entry labelled "solution" or "starter"
#                and "chNN", named side.chNN.Suite.Test
#
# The solution side is skipped when MLP_SOLUTION_DIR does not exist (a copy
# of the repository handed out without solutions).

set_property(GLOBAL PROPERTY MLP_CHAPTERS "")

# mlp_suite_sources(<stem> <out-var>): a chapter suite's source files. A
# large suite may be split into test_NN_name.cpp and test_NN_name_*.cpp.
function(mlp_suite_sources stem out_var)
    file(GLOB parts "${PROJECT_SOURCE_DIR}/tests/test_${stem}_*.cpp")
    list(SORT parts)
    set(${out_var} "${PROJECT_SOURCE_DIR}/tests/test_${stem}.cpp" ${parts} PARENT_SCOPE)
endfunction()

# mlp_add_suite(<target> <NN> <stem> <include-dir> <side> <labels...>)
function(mlp_add_suite target number stem include_dir)
    mlp_suite_sources(${stem} sources)
    list(GET ARGN 0 side)
    if(NOT side STREQUAL "solution")
        # test_NN_name_given.cpp holds only Given... tests, which run
        # against solution/ only (see below): a learner's loop does not
        # compile them.
        list(FILTER sources EXCLUDE REGEX "/test_${stem}_given\\.cpp$")
    endif()
    add_executable(${target} ${sources})
    set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests$<0:>")
    target_include_directories(${target} PRIVATE "${include_dir}")
    target_link_libraries(${target} PRIVATE mlp_test_main)
    mlp_target_defaults(${target})
    mlp_suite_compile_settings(${target})
    if(side STREQUAL "starter")
        mlp_grade_through_runner(${target})
    endif()
    # The suites named Given... test the plumbing a learner is given, not
    # the learner's work: they run against solution/ only, so that a
    # learner's counts (and grades) are of the learner's own functions.
    set(filter "")
    if(NOT side STREQUAL "solution")
        set(filter TEST_FILTER "-Given*")
    endif()
    gtest_discover_tests(${target}
        TEST_PREFIX "${side}.ch${number}."
        ${filter}
        DISCOVERY_MODE PRE_TEST
        DISCOVERY_TIMEOUT 60)
    # After gtest_discover_tests, so that ctest reads it after the test list.
    mlp_test_properties(${target} ${ARGN})
endfunction()

function(mlp_add_chapter number name title)
    set(stem "${number}_${name}")
    set(kind "${ARGN}")  # empty for the main path, OPTIONAL or BONUS after it
    if(kind AND NOT kind MATCHES "^(OPTIONAL|BONUS)$")
        message(FATAL_ERROR "mlp_add_chapter(${number}): the kind must be OPTIONAL or BONUS, got '${kind}'")
    endif()
    set_property(GLOBAL APPEND PROPERTY MLP_CHAPTERS "${stem}")
    set_property(GLOBAL PROPERTY MLP_TITLE_${number} "${title}")
    set_property(GLOBAL PROPERTY MLP_KIND_${number} "${kind}")

    if(NOT EXISTS "${MLP_STARTER_DIR}/${stem}.hpp")
        message(FATAL_ERROR "Chapter ${number}: ${MLP_STARTER_DIR}/${stem}.hpp is missing. "
                            "MLP_STARTER_DIR must be a folder laid out like starter_code/.")
    endif()
    set(sides starter)
    if(EXISTS "${MLP_SOLUTION_DIR}/${stem}.hpp")
        list(PREPEND sides solution)
    endif()

    foreach(side IN LISTS sides)
        if(side STREQUAL "solution")
            set(dir "${MLP_SOLUTION_DIR}")
            set(out "solution")
        else()
            set(dir "${MLP_STARTER_DIR}")
            set(out "starter_code")
        endif()
        add_executable(${side}_${stem} "${dir}/${stem}.cpp")
        # "$<0:>" keeps multi-config generators from adding a Debug/ folder.
        set_target_properties(${side}_${stem} PROPERTIES
            OUTPUT_NAME "${stem}"
            RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/${out}$<0:>")
        target_include_directories(${side}_${stem} PRIVATE "${dir}")
        mlp_target_defaults(${side}_${stem})
        if(MLP_BUILD_TESTS)
            mlp_add_suite(test_${stem}_${side} ${number} ${stem} "${dir}" ${side} ch${number})
        endif()
    endforeach()

    if(MLP_BUILD_TESTS AND MLP_HONESTY_CHECK AND "solution" IN_LIST sides)
        # The honesty check: the solution's earlier chapters and this
        # chapter's stubs, so that only this chapter's own stubs can make
        # its tests fail.
        set(mixed "${CMAKE_BINARY_DIR}/honesty/ch${number}")
        file(GLOB solution_headers RELATIVE "${MLP_SOLUTION_DIR}" "${MLP_SOLUTION_DIR}/*.hpp")
        foreach(header IN LISTS solution_headers)  # earlier chapters and the given plumbing
            if(NOT header STREQUAL "${stem}.hpp")
                configure_file("${MLP_SOLUTION_DIR}/${header}" "${mixed}/${header}" COPYONLY)
            endif()
        endforeach()
        configure_file("${MLP_STARTER_DIR}/${stem}.hpp" "${mixed}/${stem}.hpp" COPYONLY)
        mlp_add_suite(test_${stem}_honesty ${number} ${stem} "${mixed}" honesty ch${number})
    endif()
endfunction()

# The lesson check: every C++ listing in lesson.md that names a file must
# appear in that file verbatim. A ctest entry labelled "docs".
# A copy handed out without solution/ has no listings to check.
if(NOT MLP_BUILD_TESTS OR NOT EXISTS "${PROJECT_SOURCE_DIR}/solution")
    return()
endif()

add_executable(test_lesson_listings "${PROJECT_SOURCE_DIR}/tests/test_lesson_listings.cpp")
set_target_properties(test_lesson_listings PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests$<0:>")
target_link_libraries(test_lesson_listings PRIVATE mlp_test_main)
target_compile_definitions(test_lesson_listings PRIVATE MLP_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
mlp_target_defaults(test_lesson_listings)
gtest_discover_tests(test_lesson_listings
    TEST_PREFIX "docs."
    DISCOVERY_MODE PRE_TEST)
mlp_test_properties(test_lesson_listings docs)

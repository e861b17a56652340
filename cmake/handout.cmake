# Hand out without answers: a copy of the repository without solution/, in
# which the build, the starter tests and the progress command work as usual.
#
#   cmake -DOUTPUT=/path/to/new/folder -P cmake/handout.cmake
#
# Left out: solution/, the maintainers' tools (tests/tools/, the mistake
# catalogue, .ci/). lesson.md keeps its prose, but each listing of solution
# code is replaced by a note, since those listings are the answers.
# OUTPUT must not exist yet, or be empty.
cmake_minimum_required(VERSION 3.22)
get_filename_component(repo "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

if(NOT OUTPUT)
    message(FATAL_ERROR "handout: say where to write the copy: "
                        "cmake -DOUTPUT=/path/to/new/folder -P cmake/handout.cmake")
endif()
get_filename_component(OUTPUT "${OUTPUT}" ABSOLUTE)
if(EXISTS "${OUTPUT}")
    file(GLOB existing "${OUTPUT}/*")
    if(existing)
        message(FATAL_ERROR "handout: ${OUTPUT} is not empty; choose a new folder")
    endif()
endif()
string(FIND "${OUTPUT}/" "${repo}/" inside)
if(inside EQUAL 0)
    message(FATAL_ERROR "handout: ${OUTPUT} is inside the repository; choose a folder outside it")
endif()

file(MAKE_DIRECTORY "${OUTPUT}")
foreach(item CMakeLists.txt CMakePresets.json README.md LICENSE .clang-format .gitignore
             .gitattributes cmake starter_code)
    file(COPY "${repo}/${item}" DESTINATION "${OUTPUT}")
endforeach()
file(MAKE_DIRECTORY "${OUTPUT}/tests")
file(COPY "${repo}/tests/support" DESTINATION "${OUTPUT}/tests")
file(GLOB suites "${repo}/tests/test_0*.cpp")
file(COPY ${suites} DESTINATION "${OUTPUT}/tests")

# lesson.md without the solution listings.
file(READ "${repo}/lesson.md" lesson)
set(result "")
set(opening "```cpp\n// solution/")
while(TRUE)
    string(FIND "${lesson}" "${opening}" at)
    if(at EQUAL -1)
        string(APPEND result "${lesson}")
        break()
    endif()
    string(SUBSTRING "${lesson}" 0 ${at} before)
    string(APPEND result "${before}")
    math(EXPR body "${at} + 7")  # skip "```cpp\n"
    string(SUBSTRING "${lesson}" ${body} -1 lesson)
    string(FIND "${lesson}" "\n```" close)
    if(close EQUAL -1)
        message(FATAL_ERROR "handout: lesson.md has a code block that never ends")
    endif()
    string(FIND "${lesson}" "\n" first_line_end)
    math(EXPR name_length "${first_line_end} - 3")
    string(SUBSTRING "${lesson}" 3 ${name_length} named)
    string(REPLACE "solution/" "starter_code/" named "${named}")
    math(EXPR code_start "${first_line_end} + 1")
    math(EXPR code_length "${close} + 1 - ${code_start}")
    string(SUBSTRING "${lesson}" ${code_start} ${code_length} code)
    set(starter_text "")
    if(EXISTS "${repo}/${named}")
        file(READ "${repo}/${named}" starter_text)
    endif()
    string(FIND "${starter_text}" "${code}" in_starter)
    if(in_starter EQUAL -1)
        string(APPEND result "> (A listing from the finished `${named}` stands here in the full "
                             "course: it is the code you write.)")
    else()
        # Plumbing the starter has too: not an answer, so it stays.
        math(EXPR block_length "${close} + 4")
        string(SUBSTRING "${lesson}" 0 ${block_length} block)
        string(APPEND result "```cpp\n${block}")
    endif()
    math(EXPR after "${close} + 4")
    string(SUBSTRING "${lesson}" ${after} -1 lesson)
endwhile()
file(WRITE "${OUTPUT}/lesson.md" "${result}")

message("handout: wrote ${OUTPUT} (no solution/). In it: cmake --preset dev, "
        "cmake --workflow --preset ch01 and cmake -P cmake/progress.cmake.")

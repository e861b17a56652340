# mlp_check_submission_header(<file> <result-var>): whether a learner's
# chapter header may be compiled into the graders' tests. Sets <result-var>
# to "" when it may, or to "<file>:<line>: <what is wrong>" for the first
# problem found.
#
# A chapter header is compiled into the same file as the tests that grade
# it, so it could turn them into nothing: "#define EXPECT_TRUE(x)", an
# overload of a checking function in the test's namespace, a replaced
# operator new. The chapters need none of that, so a header may contain
# only, outside comments and strings:
#   - #pragma once, #include of a standard library header or of one of the
#     submission's own headers (NN_name.hpp, tour.hpp, model_file_io.hpp),
#     and conditions (#if, #ifdef, #ifndef, #elif, #else, #endif), which
#     define nothing: chapter 1 checks indices unless NDEBUG is defined;
#   - at file level, nothing but namespace mlp { ... } (namespaces inside it
#     are the learner's own business);
#   - no other preprocessor directive (no macro may be defined or undefined,
#     not even by the digraph %: or the trigraph ??=), and none of the names
#     testing, tutor, gtest, GTEST, _Pragma, asm.

set(MLP_STANDARD_HEADERS
    algorithm any array atomic bitset cassert cctype cerrno cfenv cfloat charconv chrono cinttypes
    climits clocale cmath codecvt complex condition_variable csetjmp csignal cstdarg cstddef
    cstdint cstdio cstdlib cstring ctime cuchar cwchar cwctype deque exception execution filesystem
    forward_list fstream functional future initializer_list iomanip ios iosfwd iostream istream
    iterator limits list locale map memory memory_resource mutex new numeric optional ostream
    queue random ratio regex scoped_allocator set shared_mutex sstream stack stdexcept streambuf
    string string_view system_error thread tuple type_traits typeindex typeinfo unordered_map
    unordered_set utility valarray variant vector)

# The text of one line without its comments, strings and character literals
# (each replaced by a space); `in_comment` carries an open /* ... */ across
# lines.
function(mlp_strip_line line in_comment_var out_var)
    set(in_comment ${${in_comment_var}})
    set(out "")
    string(LENGTH "${line}" length)
    set(i 0)
    while(i LESS length)
        string(SUBSTRING "${line}" ${i} 2 two)
        string(SUBSTRING "${line}" ${i} 1 one)
        if(in_comment)
            if(two STREQUAL "*/")
                set(in_comment FALSE)
                math(EXPR i "${i} + 2")
            else()
                math(EXPR i "${i} + 1")
            endif()
        elseif(two STREQUAL "//")
            break()
        elseif(two STREQUAL "/*")
            set(in_comment TRUE)
            string(APPEND out " ")
            math(EXPR i "${i} + 2")
        elseif(one STREQUAL "\"" OR one STREQUAL "'")
            # Skip to the matching quote, over escaped characters.
            math(EXPR i "${i} + 1")
            while(i LESS length)
                string(SUBSTRING "${line}" ${i} 1 c)
                if(c STREQUAL "\\")
                    math(EXPR i "${i} + 2")
                elseif(c STREQUAL one)
                    break()
                else()
                    math(EXPR i "${i} + 1")
                endif()
            endwhile()
            string(APPEND out " ")
            math(EXPR i "${i} + 1")
        else()
            string(APPEND out "${one}")
            math(EXPR i "${i} + 1")
        endif()
    endwhile()
    set(${in_comment_var} ${in_comment} PARENT_SCOPE)
    set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

function(mlp_check_directive file number code result_var)
    set(problem "")
    string(STRIP "${code}" code)
    if(code MATCHES "^#[ \t]*pragma[ \t]+once$")
    elseif(code MATCHES "^#[ \t]*(if|ifdef|ifndef|elif|else|endif)([ \t]|$)")
        # A condition, such as chapter 1's #ifndef NDEBUG, defines nothing.
    elseif(code MATCHES "^#[ \t]*include[ \t]*<([^>]+)>$")
        if(NOT CMAKE_MATCH_1 IN_LIST MLP_STANDARD_HEADERS)
            set(problem "#include <${CMAKE_MATCH_1}> is not a C++17 standard library header")
        endif()
    elseif(code MATCHES "^#[ \t]*include[ \t]*$")
        # #include "file": the quotes were stripped with the string; read it again.
        file(STRINGS "${file}" raw)
        math(EXPR index "${number} - 1")
        list(GET raw ${index} raw_line)
        if(NOT raw_line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"(0[1-9]_[a-z_]+\\.hpp|tour\\.hpp|model_file_io\\.hpp)\"[ \t]*(//.*)?$")
            set(problem "#include of something other than the standard library or the submission's own headers")
        endif()
    else()
        set(problem "a preprocessor directive other than #pragma once, #include and a condition such as #ifndef (a chapter may not define or undefine macros)")
    endif()
    set(${result_var} "${problem}" PARENT_SCOPE)
endfunction()

function(mlp_check_submission_header file result_var)
    file(READ "${file}" text)
    string(REPLACE "\r\n" "\n" text "${text}")
    if(text MATCHES "\\\\\n")
        set(${result_var} "${file}: a backslash at the end of a line (a chapter needs no line splicing)"
            PARENT_SCOPE)
        return()
    endif()
    string(REPLACE ";" "," text "${text}")  # keep CMake's list separator out of the lines
    string(REPLACE "[" "(" text "${text}")   # and the brackets CMake treats specially
    string(REPLACE "]" ")" text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    set(in_comment FALSE)
    set(depth 0)
    set(number 0)
    foreach(line IN LISTS lines)
        math(EXPR number "${number} + 1")
        mlp_strip_line("${line}" in_comment code)
        set(problem "")
        if(code MATCHES "\\?\\?=" OR code MATCHES "%:")
            set(problem "a digraph or trigraph for # (a chapter may not define macros)")
        elseif(code MATCHES "^[ \t]*#")
            mlp_check_directive("${file}" ${number} "${code}" problem)
        elseif(code MATCHES "(^|[^A-Za-z0-9_])(testing|tutor|gtest|GTEST[A-Za-z0-9_]*|_Pragma|asm|__asm__|__asm)([^A-Za-z0-9_]|$)")
            set(problem "the name ${CMAKE_MATCH_2}, which belongs to the tests, not to a chapter")
        elseif(depth EQUAL 0 AND NOT code MATCHES "^[ \t]*$" AND
               NOT code MATCHES "^[ \t]*namespace[ \t]+mlp[ \t]*{?[ \t]*$" AND
               NOT code MATCHES "^[ \t]*{[ \t]*$")
            set(problem "code outside namespace mlp (a chapter's code lives in namespace mlp)")
        endif()
        if(problem)
            set(${result_var} "${file}:${number}: ${problem}" PARENT_SCOPE)
            return()
        endif()
        # Follow the braces, to know what is at file level.
        string(REGEX REPLACE "[^{]" "" opened "${code}")
        string(REGEX REPLACE "[^}]" "" closed "${code}")
        string(LENGTH "${opened}" opens)
        string(LENGTH "${closed}" closes)
        math(EXPR depth "${depth} + ${opens} - ${closes}")
    endforeach()
    set(${result_var} "" PARENT_SCOPE)
endfunction()

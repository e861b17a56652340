// The lesson and the code must never disagree.
//
// A C++ listing in lesson.md names its file on its first line:
//
//     ```cpp
//     // solution/01_math_foundations.hpp
//     inline double dot(const Vector& a, const Vector& b) {
//     ...
//     ```
//
// and every other line of it must appear in that file, verbatim and in one
// piece. A line "// ..." inside a listing marks lines left out: the pieces
// around it must appear in the file in that order.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::string kRoot = MLP_SOURCE_DIR;

// The value of an environment variable, "" when it is not set. MSVC's
// runtime deprecates std::getenv (warning C4996, an error with /WX) in
// favour of _dupenv_s. (MinGW-w64 with msvcrt.dll, Debian's, has no
// _dupenv_s to link with, and does not deprecate std::getenv.)
std::string environment(const char* name) {
#ifdef _MSC_VER
    char* value = nullptr;
    std::size_t size = 0;
    std::string result;
    if (_dupenv_s(&value, &size, name) == 0 && value != nullptr) {
        result = value;
    }
    std::free(value);
    return result;
#else
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string();
#endif
}

// MLP_LESSON_FILE=path checks another markdown file (a draft chapter).
std::string lesson_path() {
    const std::string other = environment("MLP_LESSON_FILE");
    return other.empty() ? kRoot + "/lesson.md" : other;
}

struct Listing {
    int line = 0;                     // where the listing starts in lesson.md
    std::string file;                 // the file it names, relative to the repository
    std::vector<std::string> pieces;  // the text between "// ..." lines
};

bool read_file(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    // A copy checked out or saved with Windows line endings reads the same:
    // every CRLF becomes LF, in lesson.md and in the files it quotes alike.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            text[kept++] = text[i];
        }
    }
    text.resize(kept);
    return true;
}

bool names_a_file(const std::string& line, std::string& file) {
    for (const char* folder : {"// solution/", "// starter_code/", "// tests/"}) {
        const std::string prefix = folder;
        if (line.rfind(prefix, 0) == 0 && line.find(' ', prefix.size()) == std::string::npos) {
            file = line.substr(3);
            return true;
        }
    }
    return false;
}

std::vector<Listing> named_listings(const std::string& lesson) {
    std::vector<Listing> listings;
    std::istringstream in(lesson);
    std::string line;
    int number = 0;
    bool in_cpp = false;
    bool first = false;
    Listing current;
    std::string piece;
    while (std::getline(in, line)) {
        ++number;
        if (!in_cpp && line == "```cpp") {
            in_cpp = true;
            first = true;
            current = Listing{number + 1, "", {}};
            piece.clear();
            continue;
        }
        if (!in_cpp) {
            continue;
        }
        if (line == "```") {
            in_cpp = false;
            if (!current.file.empty()) {
                current.pieces.push_back(piece);
                listings.push_back(current);
            }
            continue;
        }
        if (first) {
            first = false;
            if (names_a_file(line, current.file)) {
                continue;
            }
        }
        if (line == "// ...") {
            current.pieces.push_back(piece);
            piece.clear();
        } else {
            piece += line + "\n";
        }
    }
    return listings;
}

TEST(Lesson, EveryListingThatNamesAFileAppearsInItVerbatim) {
    std::string lesson;
    ASSERT_TRUE(read_file(lesson_path(), lesson)) << "cannot read " << lesson_path();
    const std::vector<Listing> listings = named_listings(lesson);
    // Guard: a parser that finds nothing would pass everything.
    ASSERT_GE(listings.size(), 1u)
        << "lesson.md should name files in its listings; found " << listings.size();
    // How many were checked, for tools that read the XML report
    // (tests/tools/check_line_endings.py compares it with its own count).
    RecordProperty("listings", static_cast<int>(listings.size()));
    for (const Listing& listing : listings) {
        std::string source;
        if (!read_file(kRoot + "/" + listing.file, source)) {
            ADD_FAILURE() << "lesson.md line " << listing.line << ": the listing names "
                          << listing.file << ", which does not exist";
            continue;
        }
        std::size_t from = 0;
        for (const std::string& piece : listing.pieces) {
            if (piece.empty()) {
                continue;
            }
            const std::size_t at = source.find(piece, from);
            if (at == std::string::npos) {
                ADD_FAILURE() << "lesson.md line " << listing.line << ": this part of the listing "
                              << "is not in " << listing.file << " (in that order):\n"
                              << piece;
                break;
            }
            from = at + piece.size();
        }
    }
}

TEST(Lesson, ShowsEveryChapterHeaderInAListing) {
    if (lesson_path() != kRoot + "/lesson.md") {
        GTEST_SKIP() << "a draft chapter need not show every header";
    }
    std::string lesson;
    ASSERT_TRUE(read_file(lesson_path(), lesson)) << "cannot read " << lesson_path();
    const std::vector<Listing> listings = named_listings(lesson);
    std::vector<std::string> headers;  // every header of solution/: the chapters and the plumbing
    for (const auto& entry : std::filesystem::directory_iterator(kRoot + "/solution")) {
        if (entry.path().extension() == ".hpp") {
            headers.push_back("solution/" + entry.path().filename().string());
        }
    }
    ASSERT_GE(headers.size(), 9u) << "solution/ should hold every chapter's header";
    for (const std::string& file : headers) {
        bool shown = false;
        for (const Listing& listing : listings) {
            shown = shown || listing.file == file;
        }
        EXPECT_TRUE(shown) << "lesson.md shows no listing from " << file;
    }
}

TEST(Lesson, HasNoUnclosedCodeFence) {
    std::string lesson;
    ASSERT_TRUE(read_file(lesson_path(), lesson)) << "cannot read " << lesson_path();
    std::istringstream in(lesson);
    std::string line;
    int fences = 0;
    int last = 0;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.rfind("```", 0) == 0) {
            ++fences;
            last = number;
        }
    }
    EXPECT_EQ(fences % 2, 0) << "lesson.md: the code fence at line " << last << " is never closed";
}

}  // namespace

// The plumbing under chapter 7's model file: given to you, nothing here is an
// exercise.
//
// The format's fixed parts: its magic and version, its bounds, and the
// length of a file with given layer sizes.
//
// Bytes: numbers written one byte at a time, lowest first (little-endian),
// with shifts and masks, so that a file is the same whatever the computer's
// own byte order; and a checksum.
//
// Files: a file is input, and input is never trusted. Reading refuses
// anything that is not a regular file (a pipe would block forever, a device
// never ends) and any file larger than a model can be. Writing never leaves
// a half-written model where the old one was: the bytes go to a new file of
// a unique name beside the target, created only if no file (or link) of that
// name exists, flushed to the disk, and then renamed over the target in one
// step. A crash at any moment leaves the old model or the new one, whole.
//
// The file functions use the operating system's own calls (POSIX or
// Windows) where standard C++ has no equivalent: exclusive creation,
// flushing to the disk, opening a pipe without blocking.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <sys/stat.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace mlp {

/// Thrown when a model file cannot be written, read or trusted. Its message
/// says which file and what is wrong with it.
struct ModelFileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------------------
// The format.
// ---------------------------------------------------------------------------

/// The first four bytes of every model file, and its format's version.
constexpr char kModelMagic[4] = {'M', 'L', 'P', 'F'};
constexpr std::uint32_t kModelVersion = 1;

/// The largest layer a model file may hold, and the most layers. A loader
/// must bound every size it reads before it allocates by it (lesson 7.7).
constexpr std::size_t kMaxLayerSize = 4096;
constexpr std::size_t kMaxLayers = 16;

/// The largest file a loader reads: far above any model this program makes
/// (26 -> 4096 -> 26 takes 868 KB), and a bound, so that a huge file gets an
/// error instead of eating all memory.
constexpr std::size_t kMaxModelFileBytes = std::size_t{16} << 20;  // 16 MiB

/// How many bytes a whole model file takes whose header gives these sizes
/// (the inputs of layer 0, then each layer's outputs): 4 each for the magic,
/// the version and the layer count, 4 per size and per activation, 4 per
/// parameter, and the 4-byte checksum. The loader calls it only on sizes it
/// has bounded (kMaxLayerSize, kMaxLayers), so nothing here can overflow.
inline std::size_t model_file_size(const std::vector<std::size_t>& sizes) {
    const std::size_t layer_count = sizes.empty() ? 0 : sizes.size() - 1;
    std::size_t parameters = 0;
    for (std::size_t l = 0; l < layer_count; ++l) {
        parameters += sizes[l + 1] * sizes[l] + sizes[l + 1];
    }
    return 12 + 4 * sizes.size() + 4 * layer_count + 4 * parameters + 4;
}

// ---------------------------------------------------------------------------
// Bytes.
// ---------------------------------------------------------------------------

static_assert(sizeof(float) == 4 && std::numeric_limits<float>::is_iec559,
              "the model file stores IEEE 754 float32 numbers");

using Bytes = std::vector<std::uint8_t>;

/// Appends a 32-bit unsigned number, lowest byte first.
inline void put_u32(Bytes& out, std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) {
        out.push_back(static_cast<std::uint8_t>((value >> shift) & 0xFFu));
    }
}

/// Appends a float32: its 32 bits, copied out with memcpy, as a u32.
inline void put_f32(Bytes& out, float value) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    put_u32(out, bits);
}

/// Reads numbers from the front of a block of bytes, one after the other.
struct ByteReader {
    const Bytes& bytes;
    std::size_t at = 0;  // how many bytes have been read
};

/// The next 32-bit unsigned number (lowest byte first). Past the end of the
/// bytes: ModelFileError, never a read out of bounds, such as "it ends
/// early: 31 bytes, truncated at byte 28".
inline std::uint32_t read_u32(ByteReader& reader) {
    if (reader.at > reader.bytes.size() || reader.bytes.size() - reader.at < 4) {
        throw ModelFileError("it ends early: " + std::to_string(reader.bytes.size()) +
                             " bytes, truncated at byte " + std::to_string(reader.at));
    }
    std::uint32_t value = 0;
    for (int k = 0; k < 4; ++k) {
        value |= static_cast<std::uint32_t>(reader.bytes[reader.at + k]) << (8 * k);
    }
    reader.at += 4;
    return value;
}

/// The next float32 (its 32 bits, read as a u32 and copied into a float).
inline float read_f32(ByteReader& reader) {
    const std::uint32_t bits = read_u32(reader);
    float value = 0.0f;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

/// FNV-1a, a 32-bit checksum of the first `count` bytes: start at
/// 2166136261; for each byte, hash = (hash XOR byte) * 16777619, wrapping
/// around at 2^32. One changed bit anywhere changes the result.
inline std::uint32_t fnv1a32(const Bytes& bytes, std::size_t count) {
    std::uint32_t hash = 2166136261u;
    for (std::size_t i = 0; i < count && i < bytes.size(); ++i) {
        hash ^= bytes[i];
        hash *= 16777619u;
    }
    return hash;
}

// ---------------------------------------------------------------------------
// The operating system's calls, in one place.
// ---------------------------------------------------------------------------

namespace file_detail {

#ifdef _WIN32
inline int create_new(const std::string& path) {
    return _open(path.c_str(), _O_CREAT | _O_EXCL | _O_WRONLY | _O_BINARY, _S_IREAD | _S_IWRITE);
}
inline int open_for_reading(const std::string& path) {
    return _open(path.c_str(), _O_RDONLY | _O_BINARY);
}
inline long write_some(int fd, const std::uint8_t* data, std::size_t count) {
    return _write(fd, data, static_cast<unsigned>(count < (1u << 30) ? count : (1u << 30)));
}
inline long read_some(int fd, char* data, std::size_t count) {
    return _read(fd, data, static_cast<unsigned>(count));
}
inline bool flush_to_disk(int fd) {
    return _commit(fd) == 0;
}
inline bool is_regular(int fd) {
    struct _stat64 info {};
    return _fstat64(fd, &info) == 0 && (info.st_mode & _S_IFMT) == _S_IFREG;
}
inline void close_file(int fd) {
    _close(fd);
}
inline void flush_folder(const std::string&) {}  // NTFS needs no folder flush
#else
inline int create_new(const std::string& path) {
    // O_EXCL: fail if anything, a link included, already has this name.
    return open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
}
inline int open_for_reading(const std::string& path) {
    // O_NONBLOCK: a pipe opened here does not wait for a writer; is_regular
    // then refuses it.
    return open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
}
inline long write_some(int fd, const std::uint8_t* data, std::size_t count) {
    return static_cast<long>(write(fd, data, count));
}
inline long read_some(int fd, char* data, std::size_t count) {
    return static_cast<long>(read(fd, data, count));
}
inline bool flush_to_disk(int fd) {
    return fsync(fd) == 0;
}
inline bool is_regular(int fd) {
    struct stat info {};
    return fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
}
inline void close_file(int fd) {
    close(fd);
}
// After a rename, the folder's own entry must reach the disk too.
inline void flush_folder(const std::string& folder) {
    const int fd = open(folder.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}
#endif

/// What a failed call's errno means, in words.
inline std::string reason() {
    return std::generic_category().message(errno);
}

/// The folder a file lives in ("." for a bare name).
inline std::filesystem::path folder_of(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::filesystem::path(".") : parent;
}

/// A new, empty file beside `path`, with a name no one else uses, created
/// exclusively. Returns its descriptor and sets `temporary` to its name.
inline int create_temporary(const std::string& path, std::string& temporary) {
    std::random_device entropy;
    const std::string name = std::filesystem::path(path).filename().string();
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::uint64_t tag = (std::uint64_t{entropy()} << 32) ^ entropy();
        temporary =
            (folder_of(path) / ("." + name + "." + std::to_string(tag % 1000000007u) + ".tmp"))
                .string();
        const int fd = create_new(temporary);
        if (fd >= 0 || errno != EEXIST) {
            return fd;
        }
    }
    errno = EEXIST;
    return -1;
}

/// Writes every byte to fd and flushes it to the disk: "" when all went
/// well, else the reason.
inline std::string write_and_flush(int fd, const Bytes& bytes) {
    std::size_t written = 0;
    while (written < bytes.size()) {
        const long count = write_some(fd, bytes.data() + written, bytes.size() - written);
        if (count < 0) {
            return reason();
        }
        if (count == 0) {
            return "the disk took no more bytes";
        }
        written += static_cast<std::size_t>(count);
    }
    return flush_to_disk(fd) ? "" : reason();
}

/// Throws ModelFileError unless `path` names a regular file: checked before
/// anything is opened, so that a pipe is never read (it would wait forever).
inline void require_regular_file(const std::string& path) {
    if (path.empty()) {
        throw ModelFileError("the model's file name is empty");
    }
    std::error_code error;
    const std::filesystem::file_status status = std::filesystem::status(path, error);
    if (error == std::errc::too_many_symbolic_link_levels) {
        throw ModelFileError(path + ": is a link that leads back to itself (a loop of links)");
    }
    if (error && error != std::errc::no_such_file_or_directory) {
        throw ModelFileError(path + ": cannot look at it (" + error.message() + ")");
    }
    if (!std::filesystem::exists(status)) {
        throw ModelFileError(path + ": no such file");
    }
    if (!std::filesystem::is_regular_file(status)) {
        throw ModelFileError(path + ": is not a regular file (a folder, a device or a pipe)");
    }
}

/// Every byte from fd, read in pieces; one piece past kMaxModelFileBytes it
/// stops: the file's size is input too, and is never trusted.
inline Bytes read_all(int fd, const std::string& path) {
    Bytes bytes;
    std::vector<char> piece(1 << 16);
    long count = 0;
    while ((count = read_some(fd, piece.data(), piece.size())) > 0) {
        bytes.insert(bytes.end(), piece.data(), piece.data() + count);
        if (bytes.size() > kMaxModelFileBytes) {
            throw ModelFileError(path + ": it is larger than " +
                                 std::to_string(kMaxModelFileBytes) +
                                 " bytes, far too large to be a model file");
        }
    }
    if (count < 0) {
        throw ModelFileError(path + ": cannot read it (" + reason() + ")");
    }
    return bytes;
}

}  // namespace file_detail

// ---------------------------------------------------------------------------
// Files.
// ---------------------------------------------------------------------------

/// Throws ModelFileError unless a model can be saved at `path`: the name is
/// not empty, nothing but a regular file is in its place (a folder, a
/// device, a pipe would be replaced or written into), and a new file can be
/// created in its folder. Creates nothing that stays. The program calls it
/// before training, so that a bad --save is found in a second, not after.
/// Examples: "the model's file name is empty", "models: is a folder; give
/// the model a file name" and "no_such_folder/model.bin: cannot write in
/// no_such_folder (No such file or directory; ...)".
inline void check_can_save(const std::string& path) {
    if (path.empty()) {
        throw ModelFileError("the model's file name is empty");
    }
    std::error_code error;
    const std::filesystem::file_status status = std::filesystem::status(path, error);
    if (std::filesystem::is_directory(status)) {
        throw ModelFileError(path + ": is a folder; give the model a file name");
    }
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        throw ModelFileError(path +
                             ": is not a regular file (a device, a pipe or a socket); "
                             "give the model a file name of its own");
    }
    std::string temporary;
    const int fd = file_detail::create_temporary(path, temporary);
    if (fd < 0) {
        throw ModelFileError(path + ": cannot write in " + file_detail::folder_of(path).string() +
                             " (" + file_detail::reason() +
                             "; does the folder exist, and may we write there?)");
    }
    file_detail::close_file(fd);
    std::filesystem::remove(temporary, error);
}

/// Writes bytes to `path` without ever leaving a half-written file there
/// (see the top of this file), after check_can_save's checks. Any failure:
/// the temporary file is removed, the old file at `path` is left as it was,
/// and ModelFileError says what went wrong.
inline void write_file_atomically(const std::string& path, const Bytes& bytes) {
    check_can_save(path);
    std::string temporary;
    const int fd = file_detail::create_temporary(path, temporary);
    if (fd < 0) {
        throw ModelFileError(path + ": cannot create a file beside it (" + file_detail::reason() +
                             ")");
    }
    const std::string failure = file_detail::write_and_flush(fd, bytes);
    file_detail::close_file(fd);
    std::error_code error;
    if (!failure.empty()) {
        std::filesystem::remove(temporary, error);
        throw ModelFileError(path + ": cannot write all " + std::to_string(bytes.size()) +
                             " bytes (" + failure + "; is the disk full?)");
    }
    // One step: rename replaces the old file, on Windows too (the standard
    // library asks for MOVEFILE_REPLACE_EXISTING), so it never has to be
    // removed first.
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw ModelFileError(path + ": cannot put the new file in its place");
    }
    file_detail::flush_folder(file_detail::folder_of(path).string());
}

/// Every byte of the regular file at `path`, at most kMaxModelFileBytes. Not
/// a regular file (a folder, a pipe, a device), a link that leads to itself,
/// a file that cannot be opened or read, or one larger than the limit:
/// ModelFileError naming the path and the reason, such as "the model's file
/// name is empty", "model.bin: no such file", "models: is not a regular
/// file (a folder, a device or a pipe)" or "model.bin: it is larger than
/// 16777216 bytes, far too large to be a model file".
inline Bytes read_file_bytes(const std::string& path) {
    file_detail::require_regular_file(path);
    const int fd = file_detail::open_for_reading(path);
    if (fd < 0) {
        throw ModelFileError(path + ": cannot open it (" + file_detail::reason() + ")");
    }
    if (!file_detail::is_regular(fd)) {  // swapped for something else since the check above
        file_detail::close_file(fd);
        throw ModelFileError(path + ": is not a regular file (a folder, a device or a pipe)");
    }
    try {
        Bytes bytes = file_detail::read_all(fd, path);
        file_detail::close_file(fd);
        return bytes;
    } catch (...) {
        file_detail::close_file(fd);
        throw;
    }
}

}  // namespace mlp

// grade_runner: runs one test of a submission for grading, and caps what it
// may print. Built only for grading (MLP_GRADING), where ctest starts every
// test through it:
//
//   grade_runner MAX_BYTES PROGRAM [ARGUMENTS...]
//
// It passes the test's standard output and error through until MAX_BYTES
// have come, then stops the test at once and prints one line that begins
// "FLOODED:" (exit status 125), so that a test printing without end can
// neither fill the grader's memory nor its disk. Otherwise it exits as the
// test did: with its exit status, or dying of the same signal.
//
// POSIX only (Linux, macOS): on Windows grading runs the tests directly.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr int kFloodedExitCode = 125;

bool write_all(int fd, const char* data, std::size_t count) {
    while (count > 0) {
        const ssize_t written = write(fd, data, count);
        if (written <= 0) {
            return false;
        }
        data += written;
        count -= static_cast<std::size_t>(written);
    }
    return true;
}

// The child's way of ending, passed on as our own.
int finish_like(int status) {
    if (WIFSIGNALED(status)) {
        std::signal(WTERMSIG(status), SIG_DFL);
        std::raise(WTERMSIG(status));
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

int main(int argc, char** argv) {
    char* end = nullptr;
    const unsigned long long cap = argc >= 3 ? std::strtoull(argv[1], &end, 10) : 0;
    if (argc < 3 || *end != '\0' || cap == 0) {
        std::fprintf(stderr, "usage: grade_runner MAX_BYTES PROGRAM [ARGUMENTS...]\n");
        return 2;
    }
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0) {
        std::perror("grade_runner: pipe");
        return 2;
    }
    const pid_t child = fork();
    if (child < 0) {
        std::perror("grade_runner: fork");
        return 2;
    }
    if (child == 0) {
        dup2(pipe_ends[1], STDOUT_FILENO);
        dup2(pipe_ends[1], STDERR_FILENO);
        close(pipe_ends[0]);
        close(pipe_ends[1]);
        execv(argv[2], argv + 2);
        std::perror("grade_runner: cannot run the test");
        _exit(127);
    }
    close(pipe_ends[1]);
    unsigned long long passed = 0;
    bool flooded = false;
    char buffer[1 << 16];
    ssize_t count = 0;
    while ((count = read(pipe_ends[0], buffer, sizeof buffer)) > 0) {
        const unsigned long long room = cap - passed;
        const std::size_t shown = static_cast<unsigned long long>(count) > room
                                      ? static_cast<std::size_t>(room)
                                      : static_cast<std::size_t>(count);
        write_all(STDOUT_FILENO, buffer, shown);
        passed += shown;
        if (passed >= cap && static_cast<std::size_t>(count) > shown) {
            flooded = true;
            kill(child, SIGKILL);
            break;
        }
    }
    close(pipe_ends[0]);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (flooded) {
        const std::string line = "\nFLOODED: the test printed more than " + std::to_string(cap) +
                                 " bytes and was stopped\n";
        write_all(STDOUT_FILENO, line.data(), line.size());
        return kFloodedExitCode;
    }
    return finish_like(status);
}

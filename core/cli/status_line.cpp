#include "status_line.hpp"

#include <unistd.h>
#include <cstdio>

namespace genlayer::cli {

StatusLine::Style StatusLine::for_stderr(bool quiet) {
    if (quiet) return Style::quiet;
    return ::isatty(STDERR_FILENO) ? Style::live : Style::lines;
}

StatusLine::~StatusLine() {
    if (live_line_open_) std::fputc('\n', stderr);
}

void StatusLine::live(const std::string& text) {
    if (style_ != Style::live) return;
    std::fprintf(stderr, "\r\033[Kgenlayer: %s", text.c_str());
    std::fflush(stderr);
    live_line_open_ = true;
}

void StatusLine::line(const std::string& text) {
    if (style_ == Style::quiet) return;
    if (live_line_open_) std::fputc('\n', stderr);
    live_line_open_ = false;
    std::fprintf(stderr, "genlayer: %s\n", text.c_str());
}

}  // namespace genlayer::cli

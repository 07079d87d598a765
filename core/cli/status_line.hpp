// Where the CLI's progress goes: stderr, as one live line on a terminal, as
// plain lines otherwise, or nowhere with --quiet.
#pragma once

#include <string>

namespace genlayer::cli {

class StatusLine {
public:
    enum class Style { live, lines, quiet };
    static Style for_stderr(bool quiet);

    explicit StatusLine(Style style) : style_(style) {}
    ~StatusLine();
    StatusLine(const StatusLine&) = delete;
    StatusLine& operator=(const StatusLine&) = delete;

    Style style() const { return style_; }
    // Rewrites the live line in place (live style only).
    void live(const std::string& text);
    // A line of its own, "genlayer: text" (not with --quiet); ends a live line first.
    void line(const std::string& text);

private:
    Style style_;
    bool live_line_open_ = false;
};

}  // namespace genlayer::cli

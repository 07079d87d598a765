// One function per CLI command; each returns the process exit code and
// throws genlayer::Error for failures that main() reports.
#pragma once

namespace genlayer::cli {

int run_generate(int argc, char** argv);
int run_status(int argc, char** argv);
int run_upload(int argc, char** argv);
int run_batch(int argc, char** argv);
int run_jobs(int argc, char** argv);
int run_resume(int argc, char** argv);
int run_check(int argc, char** argv);
int run_history(int argc, char** argv);

}  // namespace genlayer::cli

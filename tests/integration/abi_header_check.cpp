// Compiled as C++ with -pedantic -Werror: the ABI header must work from C++ too.
#include <genlayer/genlayer.h>

uint32_t genlayer_abi_header_check_cxx();
uint32_t genlayer_abi_header_check_cxx() {
    genlayer_request request{};
    request.struct_size = sizeof request;
    return request.struct_size + GENLAYER_API_VERSION;
}

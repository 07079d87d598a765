/* Compiled as C99 with -pedantic -Werror: the ABI header must stay plain C. */
#include <genlayer/genlayer.h>

uint32_t genlayer_abi_header_check(void);
uint32_t genlayer_abi_header_check(void) {
    genlayer_request request = {sizeof(genlayer_request), "prompt", 0, 0, 0, 1, 0, 0, 0, 0, 0, 0};
    return request.struct_size + GENLAYER_API_VERSION;
}

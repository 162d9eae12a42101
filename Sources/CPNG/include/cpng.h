#ifndef CPNG_H
#define CPNG_H

// A small, longjmp-free face of libpng for Swift.
//
// libpng reports errors by longjmp, which Swift frames cannot survive. Every function here sets
// its own setjmp point around the libpng calls it makes, so an error comes back as a return code
// and a message, never as a jump through Swift. Both directions work on memory buffers; reading
// and writing files (atomically) is left to the caller.

#include <stddef.h>
#include <stdint.h>

/// What went wrong, as a return code; the message buffer holds the details.
typedef enum {
    CPNG_OK = 0,
    /// An argument was out of range (channels not 1...4, a zero dimension, a null pointer).
    CPNG_ERROR_ARGUMENT = 1,
    /// The bytes do not start with the PNG signature.
    CPNG_ERROR_NOT_PNG = 2,
    /// libpng rejected the data (bad CRC, truncated stream, invalid header, ...).
    CPNG_ERROR_LIBPNG = 3,
    /// The image is larger than CPNG_MAX_PIXELS or memory ran out.
    CPNG_ERROR_TOO_LARGE = 4,
} cpng_status;

/// The largest image, in pixels, that cpng_decode accepts (8192 x 8192): a guard against
/// headers that would make it allocate gigabytes.
#define CPNG_MAX_PIXELS (1u << 26)

/// A decoded image: 8 bits per sample, rows top to bottom, `channels` samples per pixel
/// (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA). Free `pixels` with cpng_free.
typedef struct {
    uint32_t width;
    uint32_t height;
    uint32_t channels;
    uint8_t *pixels;
} cpng_image;

/// Row filters for cpng_encode, combinable; the values of libpng's PNG_FILTER_* flags.
typedef enum {
    CPNG_FILTERS_AUTO = 0,
    CPNG_FILTER_NONE = 0x08,
    CPNG_FILTER_SUB = 0x10,
    CPNG_FILTER_UP = 0x20,
    CPNG_FILTER_AVG = 0x40,
    CPNG_FILTER_PAETH = 0x80,
} cpng_filter;

/// Encodes 8-bit pixels (`channels` 1...4, rows top to bottom, tightly packed) as a PNG.
/// On success `*out_bytes` holds `*out_length` bytes to release with cpng_free.
/// `level` is the zlib compression level (0...9); `filters` is a mask of cpng_filter values
/// (CPNG_FILTERS_AUTO lets libpng choose per row). The output depends only on the inputs.
cpng_status cpng_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels,
                        int level, int filters, uint8_t **out_bytes, size_t *out_length,
                        char *message, size_t message_capacity);

/// Decodes a PNG of any colour type and bit depth into 8-bit samples: palette images become
/// RGB (RGBA with transparency), 16-bit samples are scaled to 8 bits, gray below 8 bits is
/// expanded, a tRNS chunk becomes an alpha channel, interlaced images are deinterlaced.
cpng_status cpng_decode(const uint8_t *bytes, size_t length, cpng_image *image,
                        char *message, size_t message_capacity);

/// Releases memory returned by cpng_encode or cpng_decode.
void cpng_free(void *pointer);

#endif

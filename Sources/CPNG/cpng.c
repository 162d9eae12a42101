#include "cpng.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(CPNG_FILTER_NONE == PNG_FILTER_NONE && CPNG_FILTER_SUB == PNG_FILTER_SUB &&
                   CPNG_FILTER_UP == PNG_FILTER_UP && CPNG_FILTER_AVG == PNG_FILTER_AVG &&
                   CPNG_FILTER_PAETH == PNG_FILTER_PAETH,
               "cpng_filter values must match libpng's");

// Where libpng's error callback leaves its text before it jumps back to our setjmp point.
// libpng often explains an error in a warning just before it (a generic "Invalid IHDR data"
// follows "Image width exceeds user limit"), so the latest warning is kept to go with it.
typedef struct {
    char *message;
    size_t capacity;
    char warning[160];
} error_sink;

static void set_message(char *message, size_t capacity, const char *text) {
    if (message != NULL && capacity > 0) {
        snprintf(message, capacity, "%s", text);
    }
}

static void on_error(png_structp png, png_const_charp text) {
    error_sink *sink = png_get_error_ptr(png);
    if (sink->warning[0] != '\0' && sink->message != NULL && sink->capacity > 0) {
        snprintf(sink->message, sink->capacity, "%s (%s)", text, sink->warning);
    } else {
        set_message(sink->message, sink->capacity, text);
    }
    png_longjmp(png, 1);
}

// libpng also warns about damage it recovers from (e.g. a bad CRC in an ancillary chunk it then
// skips); the image is still good then, so a warning only matters if an error follows.
static void on_warning(png_structp png, png_const_charp text) {
    error_sink *sink = png_get_error_ptr(png);
    snprintf(sink->warning, sizeof sink->warning, "%s", text);
}

// MARK: - Encoding

// State that must survive a longjmp lives on the heap: automatic variables changed after setjmp
// have indeterminate values when control comes back through it.
typedef struct {
    uint8_t *bytes;
    size_t length;
    size_t capacity;
    png_bytep *rows;
} encoder_state;

static void write_to_buffer(png_structp png, png_bytep data, png_size_t length) {
    encoder_state *state = png_get_io_ptr(png);
    if (length > state->capacity - state->length) {
        size_t capacity = state->capacity > 0 ? state->capacity : 4096;
        while (capacity - state->length < length) {
            capacity *= 2;
        }
        uint8_t *grown = realloc(state->bytes, capacity);
        if (grown == NULL) {
            png_error(png, "out of memory while encoding");
        }
        state->bytes = grown;
        state->capacity = capacity;
    }
    memcpy(state->bytes + state->length, data, length);
    state->length += length;
}

static void flush_buffer(png_structp png) {
    (void)png;
}

static int color_type_for(uint32_t channels) {
    switch (channels) {
    case 1: return PNG_COLOR_TYPE_GRAY;
    case 2: return PNG_COLOR_TYPE_GRAY_ALPHA;
    case 3: return PNG_COLOR_TYPE_RGB;
    default: return PNG_COLOR_TYPE_RGB_ALPHA;
    }
}

cpng_status cpng_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels,
                        int level, int filters, uint8_t **out_bytes, size_t *out_length,
                        char *message, size_t message_capacity) {
    if (pixels == NULL || out_bytes == NULL || out_length == NULL) {
        set_message(message, message_capacity, "null pointer argument");
        return CPNG_ERROR_ARGUMENT;
    }
    if (channels < 1 || channels > 4) {
        set_message(message, message_capacity, "channels must be 1, 2, 3 or 4");
        return CPNG_ERROR_ARGUMENT;
    }
    if (width == 0 || height == 0 || width > PNG_UINT_31_MAX || height > PNG_UINT_31_MAX) {
        set_message(message, message_capacity, "width and height must be between 1 and 2^31 - 1");
        return CPNG_ERROR_ARGUMENT;
    }
    if (level < 0 || level > 9) {
        set_message(message, message_capacity, "compression level must be between 0 and 9");
        return CPNG_ERROR_ARGUMENT;
    }

    error_sink sink = {message, message_capacity, ""};
    encoder_state *state = calloc(1, sizeof(encoder_state));
    if (state != NULL) {
        state->rows = malloc(sizeof(png_bytep) * height);
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
    png_infop info = png == NULL ? NULL : png_create_info_struct(png);
    if (state == NULL || state->rows == NULL || png == NULL || info == NULL) {
        png_destroy_write_struct(&png, &info);
        if (state != NULL) {
            free(state->rows);
        }
        free(state);
        set_message(message, message_capacity, "out of memory");
        return CPNG_ERROR_TOO_LARGE;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(state->bytes);
        free(state->rows);
        free(state);
        return CPNG_ERROR_LIBPNG;
    }

    size_t stride = (size_t)width * channels;
    for (uint32_t y = 0; y < height; y++) {
        state->rows[y] = (png_bytep)(pixels + (size_t)y * stride);
    }
    png_set_write_fn(png, state, write_to_buffer, flush_buffer);
    png_set_IHDR(png, info, width, height, 8, color_type_for(channels), PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, level);
    if (filters != CPNG_FILTERS_AUTO) {
        png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    }
    png_write_info(png, info);
    png_write_image(png, state->rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);

    *out_bytes = state->bytes;
    *out_length = state->length;
    free(state->rows);
    free(state);
    return CPNG_OK;
}

// MARK: - Decoding

typedef struct {
    const uint8_t *bytes;
    size_t length;
    size_t offset;
    cpng_status status;
    uint8_t *pixels;
    png_bytep *rows;
} decoder_state;

static void read_from_source(png_structp png, png_bytep data, png_size_t length) {
    decoder_state *state = png_get_io_ptr(png);
    if (length > state->length - state->offset) {
        png_error(png, "unexpected end of data (the file is truncated)");
    }
    memcpy(data, state->bytes + state->offset, length);
    state->offset += length;
}

// Asks libpng to deliver 8-bit gray, gray+alpha, RGB or RGBA whatever the file holds.
static void request_8bit_samples(png_structp png, png_infop info) {
    png_byte color_type = png_get_color_type(png, info);
    png_byte bit_depth = png_get_bit_depth(png, info);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(png);
    }
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) {
        png_set_expand_gray_1_2_4_to_8(png);
    }
    if (png_get_valid(png, info, PNG_INFO_tRNS)) {
        png_set_tRNS_to_alpha(png);
    }
    if (bit_depth == 16) {
        png_set_scale_16(png);
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
}

cpng_status cpng_decode(const uint8_t *bytes, size_t length, cpng_image *image,
                        char *message, size_t message_capacity) {
    if (bytes == NULL || image == NULL) {
        set_message(message, message_capacity, "null pointer argument");
        return CPNG_ERROR_ARGUMENT;
    }
    if (length < 8 || png_sig_cmp(bytes, 0, 8) != 0) {
        set_message(message, message_capacity,
                    "not a PNG file (the first 8 bytes are not the PNG signature)");
        return CPNG_ERROR_NOT_PNG;
    }

    error_sink sink = {message, message_capacity, ""};
    decoder_state *state = calloc(1, sizeof(decoder_state));
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
    png_infop info = png == NULL ? NULL : png_create_info_struct(png);
    if (state == NULL || png == NULL || info == NULL) {
        png_destroy_read_struct(&png, &info, NULL);
        free(state);
        set_message(message, message_capacity, "out of memory");
        return CPNG_ERROR_TOO_LARGE;
    }
    state->bytes = bytes;
    state->length = length;
    state->status = CPNG_ERROR_LIBPNG;
    if (setjmp(png_jmpbuf(png))) {
        cpng_status status = state->status;
        png_destroy_read_struct(&png, &info, NULL);
        free(state->pixels);
        free(state->rows);
        free(state);
        return status;
    }

    png_set_read_fn(png, state, read_from_source);
    png_read_info(png, info);
    png_uint_32 width = png_get_image_width(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    if ((uint64_t)width * height > CPNG_MAX_PIXELS) {
        char text[160];
        snprintf(text, sizeof text, "image of %u x %u pixels is larger than the limit of %u pixels",
                 (unsigned)width, (unsigned)height, (unsigned)CPNG_MAX_PIXELS);
        state->status = CPNG_ERROR_TOO_LARGE;
        png_error(png, text);
    }
    request_8bit_samples(png, info);
    png_byte channels = png_get_channels(png, info);
    size_t stride = png_get_rowbytes(png, info);
    if (stride != (size_t)width * channels) {
        png_error(png, "unexpected row size after conversion to 8-bit samples");
    }
    state->pixels = malloc(stride * height);
    state->rows = malloc(sizeof(png_bytep) * height);
    if (state->pixels == NULL || state->rows == NULL) {
        state->status = CPNG_ERROR_TOO_LARGE;
        png_error(png, "out of memory");
    }
    for (png_uint_32 y = 0; y < height; y++) {
        state->rows[y] = state->pixels + (size_t)y * stride;
    }
    png_read_image(png, state->rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);

    image->width = width;
    image->height = height;
    image->channels = channels;
    image->pixels = state->pixels;
    free(state->rows);
    free(state);
    return CPNG_OK;
}

void cpng_free(void *pointer) {
    free(pointer);
}

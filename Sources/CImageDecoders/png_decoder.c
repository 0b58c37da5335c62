// libpng over bytes in memory, with its errors turned into return values (see the header).
#include "image_decoders.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

struct alexnet_png_decoder {
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t size;
    size_t offset;
    uint32_t height;
    /* Rows libpng delivers in all (every pass of an interlaced image), and so far. */
    uint64_t rows_expected;
    uint64_t rows_delivered;
    /* Bytes read once the last row was delivered (see `read_function`). */
    size_t bytes_after_image;
    char message[ALEXNET_DECODER_MESSAGE_CAPACITY];
};

/* libpng's fatal error: keep the message and return to the entry point's setjmp (libpng's own
 * jump buffer, set by `setjmp(png_jmpbuf(...))` in each entry point). The default would also
 * print to stderr. */
static void error_function(png_structp png, png_const_charp text) {
    alexnet_png_decoder *decoder = png_get_error_ptr(png);
    strncpy(decoder->message, text, sizeof decoder->message - 1);
    png_longjmp(png, 1);
}

/* Warnings (damaged ancillary chunks, which are skipped) are not the user's concern. */
static void warning_function(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

/* After the last row libpng inflates whatever compressed data is left, to find the stream's end:
 * in a decompression bomb (a small image followed by a gigabyte of zeros in IDAT) that is a
 * gigabyte, for a "Too much image data" warning. A real file has a few bytes left (the end of
 * the stream, a CRC, maybe a chunk header); reading more than this once the image is complete is
 * refused. libpng reads IDAT 8 KB at a time, so a bomb is stopped after at most two reads. */
#define MAX_BYTES_AFTER_IMAGE 4096

static void read_function(png_structp png, png_bytep out, size_t count) {
    alexnet_png_decoder *decoder = png_get_io_ptr(png);
    if (count > decoder->size - decoder->offset) png_error(png, "unexpected end of file");
    if (decoder->rows_delivered == decoder->rows_expected && decoder->rows_expected > 0) {
        decoder->bytes_after_image += count;
        if (decoder->bytes_after_image > MAX_BYTES_AFTER_IMAGE)
            png_error(png, "image data goes on past the last row (a decompression bomb?)");
    }
    memcpy(out, decoder->data + decoder->offset, count);
    decoder->offset += count;
}

/* Called by libpng for every row it decodes (of every pass), before it looks for the end of the
 * compressed data: counts them, so that `read_function` knows when the image is complete. */
static void count_row(png_structp png, png_row_infop row, png_bytep data) {
    (void)row;
    (void)data;
    alexnet_png_decoder *decoder = png_get_io_ptr(png);
    decoder->rows_delivered++;
}

alexnet_png_decoder *alexnet_png_create(const uint8_t *data, size_t size, uint32_t max_side,
                                        size_t chunk_memory_limit) {
    alexnet_png_decoder *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL) return NULL;
    decoder->data = data;
    decoder->size = size;
    decoder->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, decoder, error_function,
                                          warning_function);
    if (decoder->png == NULL) { free(decoder); return NULL; }
    decoder->info = png_create_info_struct(decoder->png);
    if (decoder->info == NULL) { alexnet_png_destroy(decoder); return NULL; }
    png_set_read_fn(decoder->png, decoder, read_function);
    png_set_user_limits(decoder->png, max_side, max_side);
    png_set_chunk_malloc_max(decoder->png, chunk_memory_limit);
    // A negative count: every known ancillary chunk but tRNS, and every unknown one, is skipped
    // without being decompressed or stored (text, ICC profiles: none changes Pillow's pixels).
    png_set_keep_unknown_chunks(decoder->png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
    return decoder;
}

void alexnet_png_destroy(alexnet_png_decoder *decoder) {
    if (decoder == NULL) return;
    png_destroy_read_struct(&decoder->png, decoder->info != NULL ? &decoder->info : NULL, NULL);
    free(decoder);
}

int alexnet_png_read_header(alexnet_png_decoder *decoder, alexnet_png_header *header) {
    png_structp png = decoder->png;
    png_infop info = decoder->info;
    if (setjmp(png_jmpbuf(png))) return -1;
    png_read_info(png, info);
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (color_type == PNG_COLOR_TYPE_PALETTE && bit_depth < 8) png_set_packing(png);
    const uint16_t one = 1;
    if (bit_depth == 16 && *(const uint8_t *)&one == 1) png_set_swap(png);   // little-endian host
    header->interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    if (header->interlaced) png_set_interlace_handling(png);
    png_set_read_user_transform_fn(png, count_row);
    png_read_update_info(png, info);

    header->width = png_get_image_width(png, info);
    header->height = png_get_image_height(png, info);
    decoder->height = header->height;
    if (header->interlaced) {
        for (int pass = 0; pass < 7; pass++) {
            if (PNG_PASS_COLS(header->width, pass) > 0)
                decoder->rows_expected += PNG_PASS_ROWS(header->height, pass);
        }
    } else {
        decoder->rows_expected = header->height;
    }
    header->color_type = color_type;
    header->bit_depth = png_get_bit_depth(png, info);
    header->channels = png_get_channels(png, info);
    header->row_bytes = png_get_rowbytes(png, info);
    header->palette_size = 0;
    png_colorp palette = NULL;
    int count = 0;
    if (color_type == PNG_COLOR_TYPE_PALETTE && png_get_PLTE(png, info, &palette, &count)) {
        header->palette_size = count;
        for (int index = 0; index < count && index < 256; index++) {
            header->palette[3 * index] = palette[index].red;
            header->palette[3 * index + 1] = palette[index].green;
            header->palette[3 * index + 2] = palette[index].blue;
        }
    }
    return 0;
}

int alexnet_png_read_rows(alexnet_png_decoder *decoder, uint8_t *rows, uint32_t count) {
    png_structp png = decoder->png;
    if (setjmp(png_jmpbuf(png))) return -1;
    size_t row_bytes = png_get_rowbytes(png, decoder->info);
    for (uint32_t row = 0; row < count; row++) png_read_row(png, rows + row * row_bytes, NULL);
    return 0;
}

int alexnet_png_read_image(alexnet_png_decoder *decoder, uint8_t *image) {
    png_structp png = decoder->png;
    png_bytepp rows = malloc((size_t)decoder->height * sizeof(png_bytep));
    if (rows == NULL) {
        strcpy(decoder->message, "out of memory");
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        free(rows);
        return -1;
    }
    size_t row_bytes = png_get_rowbytes(png, decoder->info);
    for (uint32_t row = 0; row < decoder->height; row++) rows[row] = image + row * row_bytes;
    png_read_image(png, rows);
    free(rows);
    return 0;
}

size_t alexnet_png_bytes_consumed(const alexnet_png_decoder *decoder) {
    return decoder->offset;
}

const char *alexnet_png_message(const alexnet_png_decoder *decoder) {
    return decoder->message;
}

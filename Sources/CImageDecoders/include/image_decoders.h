#ifndef ALEXNET_TUI_IMAGE_DECODERS_H
#define ALEXNET_TUI_IMAGE_DECODERS_H
/*
 * The C side of the JPEG and PNG readers (Sources/Engine/Input/JPEGReader.swift, PNGReader.swift):
 * libjpeg-turbo and libpng over bytes in memory, nothing more. What the samples mean (colour
 * rules, limits, widening to the image's samples) is decided in Swift.
 *
 * Why a C target rather than a header-only module: both libraries report a fatal error through a
 * callback that must not return (libjpeg's `error_exit`, libpng's error function). The only safe way
 * out of it is `longjmp` to a `setjmp` made in a C function below, so that no Swift frame is ever
 * jumped over. Each entry point sets its own `setjmp` and returns -1 with a message instead; after
 * a failure the decoder may only be destroyed.
 */
#include <stddef.h>
#include <stdint.h>

/* Room for a library's one-line error message, NUL included. */
#define ALEXNET_DECODER_MESSAGE_CAPACITY 200

/* ---- JPEG (libjpeg-turbo, the decoder Pillow uses, with its defaults) ---- */

typedef struct alexnet_jpeg_decoder alexnet_jpeg_decoder;

typedef struct {
    uint32_t width;
    uint32_t height;
    /* Samples per decoded pixel: 1 (greyscale), 3 (RGB, from YCbCr or RGB), 4 (CMYK, from CMYK
     * or YCCK, as stored: Adobe files store it inverted). */
    int components;
    /* Several scans: the whole image's DCT coefficients are held while decoding. */
    int progressive;
    /* Bytes of those coefficients for a progressive image (2 bytes per coefficient), else 0. */
    uint64_t coefficient_bytes;
} alexnet_jpeg_header;

/* A decoder over `size` bytes at `data` (which must outlive it); NULL when out of memory. */
alexnet_jpeg_decoder *alexnet_jpeg_create(const uint8_t *data, size_t size);
void alexnet_jpeg_destroy(alexnet_jpeg_decoder *decoder);
/* Reads the header (no pixel memory yet). 0, or -1 with `alexnet_jpeg_message` set. */
int alexnet_jpeg_read_header(alexnet_jpeg_decoder *decoder, alexnet_jpeg_header *header);
/* Starts decompression, libjpeg's working memory beyond its small pools capped at `memory_limit`
 * bytes (a progressive image's coefficients). 0, or -1. */
int alexnet_jpeg_start(alexnet_jpeg_decoder *decoder, size_t memory_limit);
/* Decodes up to `max_rows` further rows into `rows` (rows of width x components bytes, one after
 * another). The number decoded (0 once every row is), or -1. */
int alexnet_jpeg_read_rows(alexnet_jpeg_decoder *decoder, uint8_t *rows, int max_rows);
/* After the last row: reads the rest of the file up to its end marker, so that damage after the
 * last row's data (stray bytes, an unknown marker) is found as djpeg finds it. 0, or -1. */
int alexnet_jpeg_finish(alexnet_jpeg_decoder *decoder);
/* Bytes from the start of the data that the decoder will not read again. */
size_t alexnet_jpeg_bytes_consumed(const alexnet_jpeg_decoder *decoder);
const char *alexnet_jpeg_message(const alexnet_jpeg_decoder *decoder);

/* ---- PNG (libpng 1.6) ---- */

typedef struct alexnet_png_decoder alexnet_png_decoder;

typedef struct {
    uint32_t width;
    uint32_t height;
    /* PNG's colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha. */
    int color_type;
    /* Bits per sample of the rows delivered: 8, or 16 (host byte order). Grey of 1, 2 or 4 bits
     * is scaled to 8 (v x 255 / (2^bits - 1)); palette indices come one per byte. */
    int bit_depth;
    /* Samples per delivered pixel: 1 (grey, palette index), 2, 3 or 4. */
    int channels;
    int interlaced;
    size_t row_bytes;
    /* PLTE: `palette_size` entries of R, G, B. */
    int palette_size;
    uint8_t palette[256 * 3];
} alexnet_png_header;

/* A decoder over `size` bytes at `data` (which must outlive it), refusing images wider or taller
 * than `max_side` and ancillary chunks needing more than `chunk_memory_limit` bytes; NULL when out
 * of memory. Ancillary chunks are skipped unread: none changes the pixels the readers keep. */
alexnet_png_decoder *alexnet_png_create(const uint8_t *data, size_t size, uint32_t max_side,
                                        size_t chunk_memory_limit);
void alexnet_png_destroy(alexnet_png_decoder *decoder);
/* Reads the chunks up to the image data and sets the row format. 0, or -1. */
int alexnet_png_read_header(alexnet_png_decoder *decoder, alexnet_png_header *header);
/* A non-interlaced image: decodes the next `count` rows into `rows` (each `row_bytes`, one after
 * another). 0, or -1. */
int alexnet_png_read_rows(alexnet_png_decoder *decoder, uint8_t *rows, uint32_t count);
/* An interlaced image: decodes all of it into `image` (height x `row_bytes`). 0, or -1. */
int alexnet_png_read_image(alexnet_png_decoder *decoder, uint8_t *image);
size_t alexnet_png_bytes_consumed(const alexnet_png_decoder *decoder);
const char *alexnet_png_message(const alexnet_png_decoder *decoder);

#endif

// libjpeg-turbo over bytes in memory, with its errors turned into return values (see the header).
#include "image_decoders.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

/* More scans than any real progressive file has (libjpeg's own scripts use about ten); a file of
 * thousands of tiny scans would otherwise take minutes to decode. */
#define MAX_SCANS 1000

struct alexnet_jpeg_decoder {
    struct jpeg_decompress_struct info;
    struct jpeg_error_mgr errors;
    struct jpeg_progress_mgr progress;
    jmp_buf jump;
    const uint8_t *data;
    size_t size;
    char message[ALEXNET_DECODER_MESSAGE_CAPACITY];
};

/* libjpeg's fatal error: keep the message and return to the entry point's setjmp. */
static void error_exit(j_common_ptr info) {
    alexnet_jpeg_decoder *decoder = (alexnet_jpeg_decoder *)info->client_data;
    (*info->err->format_message)(info, decoder->message);
    longjmp(decoder->jump, 1);
}

/* The warnings that say the data is damaged: libjpeg goes on with guessed pixels (grey, zeroed
 * coefficients, a resynchronised scan), which Pillow would return as the picture. */
static int is_corrupt_data(int msg_code) {
    switch (msg_code) {
    case JWRN_JPEG_EOF:          /* Premature end of JPEG file */
    case JWRN_HIT_MARKER:        /* Corrupt JPEG data: premature end of data segment */
    case JWRN_HUFF_BAD_CODE:     /* Corrupt JPEG data: bad Huffman code */
    case JWRN_ARITH_BAD_CODE:    /* Corrupt JPEG data: bad arithmetic code */
    case JWRN_EXTRANEOUS_DATA:   /* Corrupt JPEG data: N extraneous bytes before marker */
    case JWRN_MUST_RESYNC:       /* Corrupt JPEG data: found marker instead of RSTn */
        return 1;
    default:
        return 0;
    }
}

/* Warnings about damaged data are fatal, with libjpeg's message: a network run on guessed pixels
 * would be reported as if the file were sound. The others (an unknown JFIF revision or Adobe
 * transform code) say nothing about the pixels and are ignored, as Pillow ignores them. */
static void emit_message(j_common_ptr info, int level) {
    if (level < 0) {
        info->err->num_warnings++;
        if (is_corrupt_data(info->err->msg_code)) error_exit(info);
    }
}

static void progress_monitor(j_common_ptr info) {
    j_decompress_ptr decompress = (j_decompress_ptr)info;
    if (decompress->input_scan_number > MAX_SCANS) {
        alexnet_jpeg_decoder *decoder = (alexnet_jpeg_decoder *)info->client_data;
        snprintf(decoder->message, sizeof decoder->message, "more than %d scans", MAX_SCANS);
        longjmp(decoder->jump, 1);
    }
}

alexnet_jpeg_decoder *alexnet_jpeg_create(const uint8_t *data, size_t size) {
    alexnet_jpeg_decoder *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL) return NULL;
    decoder->data = data;
    decoder->size = size;
    decoder->info.err = jpeg_std_error(&decoder->errors);
    decoder->errors.error_exit = error_exit;
    decoder->errors.emit_message = emit_message;
    decoder->info.client_data = decoder;
    if (setjmp(decoder->jump)) {
        jpeg_destroy_decompress(&decoder->info);
        free(decoder);
        return NULL;
    }
    jpeg_create_decompress(&decoder->info);
    decoder->progress.progress_monitor = progress_monitor;
    decoder->info.progress = &decoder->progress;
    jpeg_mem_src(&decoder->info, data, (unsigned long)size);
    return decoder;
}

void alexnet_jpeg_destroy(alexnet_jpeg_decoder *decoder) {
    if (decoder == NULL) return;
    jpeg_destroy_decompress(&decoder->info);
    free(decoder);
}

int alexnet_jpeg_read_header(alexnet_jpeg_decoder *decoder, alexnet_jpeg_header *header) {
    if (setjmp(decoder->jump)) return -1;
    jpeg_read_header(&decoder->info, TRUE);
    struct jpeg_decompress_struct *info = &decoder->info;
    // Pillow's modes: L, RGB, CMYK; libjpeg turns YCbCr into RGB and YCCK into CMYK. The rest
    // is libjpeg's default (integer slow DCT, fancy upsampling), which is Pillow's.
    switch (info->jpeg_color_space) {
    case JCS_GRAYSCALE: info->out_color_space = JCS_GRAYSCALE; break;
    case JCS_CMYK: case JCS_YCCK: info->out_color_space = JCS_CMYK; break;
    default: info->out_color_space = JCS_RGB; break;
    }
    header->width = info->image_width;
    header->height = info->image_height;
    header->components = info->out_color_space == JCS_GRAYSCALE ? 1
                         : info->out_color_space == JCS_CMYK ? 4 : 3;
    header->progressive = jpeg_has_multiple_scans(info) ? 1 : 0;
    uint64_t coefficients = 0;
    if (header->progressive) {
        for (int index = 0; index < info->num_components; index++) {
            jpeg_component_info *component = &info->comp_info[index];
            coefficients += (uint64_t)component->width_in_blocks * component->height_in_blocks;
        }
    }
    header->coefficient_bytes = coefficients * sizeof(JBLOCK);
    return 0;
}

int alexnet_jpeg_start(alexnet_jpeg_decoder *decoder, size_t memory_limit) {
    if (setjmp(decoder->jump)) return -1;
    decoder->info.mem->max_memory_to_use = (long)memory_limit;
    jpeg_start_decompress(&decoder->info);
    return 0;
}

int alexnet_jpeg_read_rows(alexnet_jpeg_decoder *decoder, uint8_t *rows, int max_rows) {
    if (setjmp(decoder->jump)) return -1;
    struct jpeg_decompress_struct *info = &decoder->info;
    size_t row_bytes = (size_t)info->output_width * (size_t)info->output_components;
    int done = 0;
    while (done < max_rows && info->output_scanline < info->output_height) {
        JSAMPROW row = rows + (size_t)done * row_bytes;
        done += (int)jpeg_read_scanlines(info, &row, 1);
    }
    return done;
}

int alexnet_jpeg_finish(alexnet_jpeg_decoder *decoder) {
    if (setjmp(decoder->jump)) return -1;
    jpeg_finish_decompress(&decoder->info);
    return 0;
}

size_t alexnet_jpeg_bytes_consumed(const alexnet_jpeg_decoder *decoder) {
    return decoder->size - decoder->info.src->bytes_in_buffer;
}

const char *alexnet_jpeg_message(const alexnet_jpeg_decoder *decoder) {
    return decoder->message;
}

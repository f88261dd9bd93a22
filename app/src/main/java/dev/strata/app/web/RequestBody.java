package dev.strata.app.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body read within bounds, however it is sent (Content-Length or chunked): never more than the
 * limit is held in memory, and only valid UTF-8 is accepted, so a task sees exactly the bytes the client sent.
 */
final class RequestBody {
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]*)");

    private RequestBody() {
    }

    static String read(Context ctx, int limit) {
        String type = ctx.req().getContentType();
        Matcher charset = CHARSET.matcher(type == null ? "" : type);
        if (charset.find() && !charset.group(1).toLowerCase(Locale.ROOT).matches("utf-?8")) {
            throw new ApiError(400, "charset '" + printable(charset.group(1)) + "' is not supported; send the body as"
                    + " UTF-8 (Content-Type: application/json; charset=utf-8)");
        }
        String encoding = ctx.req().getHeader("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            throw new ApiError(415, "Content-Encoding '" + printable(encoding) + "' is not accepted; send the body"
                    + " uncompressed");
        }
        if (ctx.req().getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(limit + 1);
        } catch (IOException e) {
            throw new ApiError(400, "the request body could not be read completely (" + e.getMessage() + ")");
        }
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiError(400, "the request body is not valid UTF-8; send the text as UTF-8");
        }
    }

    /** Refuses text holding half of a surrogate pair ({@code "\ud800"}): it has no UTF-8 form to store or hash. */
    static void requireWholeCharacters(String field, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ApiError(400, "field '" + field + "' holds a lone surrogate U+" + Integer.toHexString(c)
                        .toUpperCase(java.util.Locale.ROOT) + " at character " + i + " (half of a pair); send valid"
                        + " Unicode text");
            }
        }
    }

    private static ApiError tooLarge(int limit) {
        return new ApiError(413, "the request body is larger than " + limit + " bytes; task inputs are limited to "
                + WebServer.MAX_INPUT_BYTES + " bytes of UTF-8");
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}

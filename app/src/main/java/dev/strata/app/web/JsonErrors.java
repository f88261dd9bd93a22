package dev.strata.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/** Jetty's own error answers (a malformed request line, a URI or headers too long) in the API's JSON shape. */
final class JsonErrors extends ErrorHandler {
    private final ObjectMapper json;

    JsonErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int status = response.getStatus();
        Object message = request.getAttribute("jakarta.servlet.error.message");
        response.setContentType("application/json");
        response.getOutputStream().write(body(status, message == null ? null : message.toString()));
        base.setHandled(true);
    }

    private byte[] body(int status, String reason) {
        String text = reason == null || reason.isBlank() ? org.eclipse.jetty.http.HttpStatus.getMessage(status) : reason;
        try {
            return json.writeValueAsBytes(new TaskJson.Error("request refused: " + text, status));
        } catch (IOException e) {
            return ("{\"error\":\"request refused\",\"status\":" + status + "}").getBytes();
        }
    }
}

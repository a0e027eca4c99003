package be.samenbord.http;

import be.samenbord.board.codec.Unicode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;

/** A request body that must be a JSON object of well-formed text (rules RE-5, IN-1). */
final class JsonBody {

    private JsonBody() {
    }

    static JsonNode object(RoutingContext ctx, ObjectMapper json) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body().asString("UTF-8"));
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("body must be JSON");
        }
        if (body == null || !body.isObject()) throw ApiError.badRequest("body must be a JSON object");
        if (!Unicode.wellFormed(body)) throw ApiError.badRequest("text must be well-formed Unicode (no lone surrogates)");
        return body;
    }
}

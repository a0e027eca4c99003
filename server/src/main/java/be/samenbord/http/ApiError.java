package be.samenbord.http;

/** An HTTP refusal with the contract's body {@code {"error","message"}} (rule RE-5). */
final class ApiError extends RuntimeException {

    final int status;
    final String code;

    ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    static ApiError notFound(String code, String message) {
        return new ApiError(404, code, message);
    }
}

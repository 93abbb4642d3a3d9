package org.xmppboot.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * ejabberd's commands over its HTTP API (mod_http_api, https://docs.ejabberd.im/developer/ejabberd-api/): the
 * same commands as {@code ejabberdctl}, run inside the server instead of by a new Erlang VM per call (about 50 ms
 * instead of about 1 s). The listener is bound to 127.0.0.1 and {@code api_permissions} only lets loopback
 * callers run {@link #COMMANDS}.
 */
final class EjabberdApi {

    /** The commands the loopback API may run. */
    static final List<String> COMMANDS = List.of("status", "register", "unregister", "registered_users",
            "list_cluster");

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** A JSON string with no escapes, as node names and account names are. */
    private static final Pattern PLAIN_STRING = Pattern.compile("\"([^\"\\\\]*)\"");

    private final HttpClient http;
    private final URI base;

    EjabberdApi(int port) {
        // HTTP/1.1: for http:// URIs the JDK's default would offer an h2c upgrade, which ejabberd_http does not do.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        this.base = URI.create("http://127.0.0.1:" + port + "/api/");
    }

    /**
     * Runs a command; its arguments are a JSON object of strings. Returns the response body (a JSON value);
     * any status but 200 is an exception carrying the body, which never repeats the arguments.
     */
    String call(String command, Map<String, String> arguments) throws IOException {
        String json = arguments.entrySet().stream()
                .map(e -> string(e.getKey()) + ":" + string(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(command))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("ejabberd's " + command + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /**
     * The elements of a JSON array of plain strings ({@code ["a@host","b@host"]}), as the list commands answer;
     * anything else is an exception.
     */
    static List<String> strings(String jsonArray) throws IOException {
        String body = jsonArray.trim();
        if (!body.startsWith("[") || !body.endsWith("]")) {
            throw new IOException("Not a JSON array: " + body);
        }
        List<String> values = new ArrayList<>();
        Matcher m = PLAIN_STRING.matcher(body);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    /** A JSON string (RFC 8259 section 7). */
    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public String toString() {
        return "EjabberdApi[" + base + "]";
    }
}

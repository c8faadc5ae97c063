package io.monstack.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Ports and HTTP for the tests that talk to real servers on 127.0.0.1. */
public final class Net {
    /** One client for every test: a short connect timeout, so a server that is not up yet is found out fast. */
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Net() {
    }

    /** A port free on 127.0.0.1 right now (a server started later may still race for it). */
    public static int freePort() throws IOException {
        return freePorts(1)[0];
    }

    /** n distinct ports free on 127.0.0.1: all are held open until every one is found, so none repeats. */
    public static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    /** A GET of url with a 3 s timeout, for getJsonOrNull(HttpRequest.Builder) to add headers to. */
    public static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3));
    }

    /** The JSON at url, or null while the server is not (yet) answering properly. */
    public static JsonNode getJsonOrNull(String url) {
        return getJsonOrNull(get(url));
    }

    /** The JSON the request gets (e.g. with an Authorization header), or null while the server is not answering properly. */
    public static JsonNode getJsonOrNull(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Rendered.JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null; // not listening yet, or half-written JSON right after start
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

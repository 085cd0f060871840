package org.teeka.cowin;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;


/** Calls to the CoWIN API through MockMvc, as a client makes them: a path with its query, a bearer token, a JSON body. */
final class CowinCalls {

    private final MockMvc mvc;
    private String address = "127.0.0.1";
    private String language;

    CowinCalls(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** The same calls from another client address. */
    CowinCalls from(String clientAddress) {
        var calls = new CowinCalls(mvc);
        calls.address = clientAddress;
        calls.language = language;
        return calls;
    }

    /** The same calls with {@code Accept-Language} set as CoWIN clients set it, such as {@code hi_IN}. */
    CowinCalls inLanguage(String acceptLanguage) {
        var calls = new CowinCalls(mvc);
        calls.address = address;
        calls.language = acceptLanguage;
        return calls;
    }

    Reply get(String pathAndQuery) {
        return perform(MockMvcRequestBuilders.get(pathAndQuery), null);
    }

    Reply get(String pathAndQuery, String bearer) {
        return perform(MockMvcRequestBuilders.get(pathAndQuery), bearer);
    }

    Reply post(String path, String bearer, String json) {
        var request = MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON).content(json);
        return perform(request, bearer);
    }

    private Reply perform(MockHttpServletRequestBuilder request, String bearer) {
        request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
        if (bearer != null) {
            request.header(HttpHeaders.AUTHORIZATION, bearer);
        }
        if (language != null) {
            request.header(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        try {
            return new Reply(mvc.perform(request).andReturn().getResponse());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What came back. */
    record Reply(MockHttpServletResponse response) {

        int status() {
            return response.getStatus();
        }

        String text() {
            try {
                return response.getContentAsString(StandardCharsets.UTF_8);
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        JsonNode json() {
            return JsonMapper.shared().readTree(text());
        }

        byte[] bytes() {
            return response.getContentAsByteArray();
        }

        String header(String name) {
            return response.getHeader(name);
        }

        @Override
        public String toString() {
            return status() + " " + text();
        }
    }
}

package org.teeka.cowin;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.AntPathMatcher;

/**
 * The OpenAPI document of the CoWIN v2 surface, generated from its controllers by springdoc and
 * served at {@code /v3/api-docs/cowin-v2}. Operations outside the public lists of
 * {@link CowinSecurityConfiguration} are marked as needing the bearer token.
 */
@Configuration(proxyBeanMethods = false)
class CowinOpenApi {

    private static final String DESCRIPTION = """
            CoWIN's public API v2 as third-party clients use it, served by Teeka: point a CoWIN client's base URL at \
            Teeka and it works. Dates are DD-MM-YYYY both ways. Errors are {"errorCode","error"}: CoWIN's codes where \
            clients react to one (APPOIN0040 session full for the dose, APPOIN0044 wrong captcha, USRAUT0010 mobile \
            missing), otherwise Teeka's stable codes. Accept-Language hi_IN fills the *_l fields and error texts in \
            Hindi. Public availability is served from memory and is never more than 5 seconds old. Slots are strings \
            ("09:00AM-11:00AM") unless ?slots=objects asks for {"time","seats"}. Callers over their quota (per address, \
            and per signed-in citizen) get 429 with Retry-After, and so does every caller while the node is at capacity \
            (request.error.overloaded). A bearer token comes from confirmOTP and lasts 15 minutes.""";

    @Bean
    GroupedOpenApi cowinV2OpenApi() {
        var matcher = new AntPathMatcher();
        return GroupedOpenApi.builder()
                .group("cowin-v2")
                .displayName("CoWIN-compatible API v2")
                .pathsToMatch("/api/v2/**")
                .addOpenApiCustomizer(openApi -> {
                    openApi.info(new Info().title("Teeka: CoWIN-compatible API v2").version("2").description(DESCRIPTION));
                    openApi.components(openApi.getComponents() == null ? new Components() : openApi.getComponents());
                    openApi.getComponents().addSecuritySchemes("bearer",
                            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"));
                    ModelConverters.getInstance().read(CowinError.class).forEach(openApi.getComponents()::addSchemas);
                    var error = new Content().addMediaType("application/json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/CowinError")));
                    openApi.getPaths().forEach((path, item) -> {
                        boolean publicGet = CowinSecurityConfiguration.PUBLIC_GET.stream().anyMatch(p -> matcher.match(p, path));
                        boolean publicPost = CowinSecurityConfiguration.PUBLIC_POST.stream().anyMatch(p -> matcher.match(p, path));
                        document(item.getGet(), !publicGet, error);
                        document(item.getPost(), !publicPost, error);
                    });
                })
                .build();
    }

    private static void document(Operation operation, boolean signedIn, Content error) {
        if (operation == null) {
            return;
        }
        if (signedIn) {
            operation.addSecurityItem(new SecurityRequirement().addList("bearer"));
            operation.getResponses().addApiResponse("401", new ApiResponse()
                    .description("No bearer token, or an invalid or expired one (cowin.error.unauthenticated)").content(error));
        }
        operation.getResponses().addApiResponse("4XX", new ApiResponse()
                .description("Refused: errorCode says why, error says it in the caller's language").content(error));
        operation.getResponses().addApiResponse("429", new ApiResponse()
                .description("Over the caller's quota (request.error.quota), or the node at capacity (request.error.overloaded); "
                        + "Retry-After gives the seconds to wait").content(error));
    }
}

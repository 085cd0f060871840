package org.teeka;

import org.springframework.boot.SpringApplication;

/** Runs Teeka from the test class path with the test profile: a fresh database in target/ each start. */
public class TestApplication {

    public static void main(String[] args) {
        SpringApplication.from(TeekaApplication::main).withAdditionalProfiles("test").run(args);
    }
}

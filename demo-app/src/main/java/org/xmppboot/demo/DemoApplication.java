package org.xmppboot.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.xmppboot.plugins.xep0363.HttpUpload;

/** A chat bot built only with the xmpp-boot starter: see {@link DemoBot}. */
@SpringBootApplication
public class DemoApplication {

    static final int DEFAULT_PORT = 8080;

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(DemoApplication.class);
        // The web port (health, metrics) is 8080 when free and any free port otherwise, so that another web
        // application does not stop the demo; --server.port=... still decides. The demo prints the one it got.
        application.setDefaultProperties(Map.of("server.port", isFree(DEFAULT_PORT) ? DEFAULT_PORT : 0));
        application.run(args);
    }

    /** A plugin made in Java as a bean: registered on the connection like any other (the "chart" command uses it). */
    @Bean
    HttpUpload httpUpload() {
        return new HttpUpload();
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

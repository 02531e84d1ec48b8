package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {
  private static final List<String> EXPECTED =
      List.of("java", "-jar", "app.jar", "--port=8081", "--name=demo/web-1");

  @Test
  void oneStringAndOneWordPerValueAreTheSameCommand() {
    CommandTemplate joined =
        CommandTemplate.fromWords(
            List.of(" java  -jar app.jar", "--port={port} --name={namespace}/{pod}"));
    CommandTemplate words =
        CommandTemplate.fromWords(
            List.of("java", "-jar", "app.jar", "--port={port}", "--name={namespace}/{pod}"));
    assertEquals(joined, words);
    assertEquals(EXPECTED, joined.render(8081, "demo", "web-1"));
  }

  @Test
  void theConstructorKeepsSpacesInsideArguments() {
    CommandTemplate template = new CommandTemplate(List.of("sh", "-c", "exec app --port={port}"));
    assertEquals(List.of("sh", "-c", "exec app --port=9"), template.render(9, "ns", "p"));
  }

  @Test
  void aCommandWithoutThePortPlaceholderIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CommandTemplate.fromWords(List.of("java -jar a")));
    assertTrue(e.getMessage().contains("{port}"), e.getMessage());
  }

  @Test
  void anEmptyCommandIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> CommandTemplate.fromWords(List.of(" ")));
  }
}

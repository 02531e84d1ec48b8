package dev.metricsadapter.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The corpus file parses, is big enough, covers every category, and its macros expand. */
class HostileCorpusTest {

  @Test
  void theCorpusHasAtLeast500EntriesCoveringEveryCategory() {
    List<HostileCorpus.Entry> corpus = HostileCorpus.load();
    assertTrue(corpus.size() >= 500, "only " + corpus.size() + " entries");
    Set<String> categories =
        corpus.stream().map(HostileCorpus.Entry::category).collect(Collectors.toSet());
    assertEquals(HostileCorpus.CATEGORIES, categories);
    for (HostileCorpus.Entry entry : corpus) {
      assertTrue(entry.request("127.0.0.1:1").length > 0, entry.describe());
    }
  }

  @Test
  void macrosAndEscapesExpand() {
    assertEquals("a,a,a,", HostileCorpus.expand("[[repeat 3:a,]]"));
    assertEquals("xk0,k1,y", HostileCorpus.expand("x[[seq 2:k{i},]]y"));
    assertArrayEquals(
        new byte[] {'/', (byte) 0xff, '\\', '\\', 'a', '\r', '\n'},
        HostileCorpus.bytes("/\\xff\\\\\\a\\x0d\\x0a"));
  }

  @Test
  void requestsAreBuiltAsDocumented() {
    HostileCorpus.Entry entry =
        HostileCorpus.parse("4xx|closed\tprotocol\tGET\t/x\t@version=HTTP/1.0\t@no-host\tA: b\n")
            .get(0);
    assertEquals(
        "GET /x HTTP/1.0\r\nConnection: close\r\nA: b\r\n\r\n",
        new String(entry.request("h"), StandardCharsets.ISO_8859_1));
    assertTrue(entry.accepts(-1));
    assertTrue(entry.accepts(404));
    assertFalse(entry.accepts(500));
    HostileCorpus.Entry method = HostileCorpus.parse("405\tmethod\tPOST\t/x\t@body=ab\n").get(0);
    assertEquals(
        "POST /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: 2\r\n\r\nab",
        new String(method.request("h"), StandardCharsets.ISO_8859_1));
    assertFalse(method.accepts(-1));
    assertFalse(method.accepts(404));
  }
}

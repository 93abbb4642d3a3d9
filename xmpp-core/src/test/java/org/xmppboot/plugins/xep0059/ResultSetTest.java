package org.xmppboot.plugins.xep0059;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xmppboot.xml.XmlElement;

/** XEP-0059's examples, read and written. */
class ResultSetTest {

    private static ResultSet parse(String xml) {
        return new ResultSet(XmlElement.parse(xml));
    }

    @Test
    void readsAPageReturned() {
        // XEP-0059 Example 2
        ResultSet page = parse("<set xmlns='http://jabber.org/protocol/rsm'>"
                + "<first index='0'>stpeter@jabber.org</first><last>peterpan@neverland.lit</last>"
                + "<count>800</count></set>");
        assertThat(page.getFirst()).isEqualTo("stpeter@jabber.org");
        assertThat(page.getFirstIndex()).isZero();
        assertThat(page.getLast()).isEqualTo("peterpan@neverland.lit");
        assertThat(page.getCount()).isEqualTo(800);
        assertThat(page.getMax()).isNull();
        assertThat(page.getBefore()).isNull();
        assertThat(page.isLastPageRequested()).isFalse();
    }

    @Test
    void writesRequestsForwardBackwardAndLast() {
        // XEP-0059 Example 3: the next page
        ResultSet next = ResultSet.create().setMax(10).setAfter("peterpan@neverland.lit");
        assertThat(next.xml().childText("max", ResultSet.NAMESPACE)).isEqualTo("10");
        assertThat(next.xml().childText("after", ResultSet.NAMESPACE)).isEqualTo("peterpan@neverland.lit");
        // Example 5: the previous page
        ResultSet previous = ResultSet.create().setMax(10).setBefore("peter@pixyland.org");
        assertThat(previous.getBefore()).isEqualTo("peter@pixyland.org");
        // Example 7: the last page is an empty <before/>
        ResultSet last = ResultSet.create().setMax(10).setBefore("");
        assertThat(last.xml().element("before", ResultSet.NAMESPACE)).isNotNull();
        assertThat(last.isLastPageRequested()).isTrue();
        assertThat(parse("<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><before/></set>")
                .isLastPageRequested()).isTrue();
        // Example 9: out of order
        assertThat(ResultSet.create().setIndex(371).getIndex()).isEqualTo(371);

        ResultSet page = ResultSet.create().setFirst("a", 3).setLast("b").setCount(7);
        assertThat(page.getFirstIndex()).isEqualTo(3);
        assertThat(page.get("count")).isEqualTo("7");
        page.setFirst(null, null).setMax(null);
        assertThat(page.xml().element("first", ResultSet.NAMESPACE)).isNull();
        assertThatThrownBy(() -> ResultSet.create().setMax(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedNumbersReadAsAbsent() {
        ResultSet bad = parse("<set xmlns='http://jabber.org/protocol/rsm'><count>many</count><max>-3</max>"
                + "<first index='x'>id</first></set>");
        assertThat(bad.getCount()).isNull();
        assertThat(bad.getMax()).isNull();
        assertThat(bad.getFirstIndex()).isNull();
        assertThat(bad.getFirst()).isEqualTo("id");
    }
}

package dev.library.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The images start their JVMs with exactly the options JvmOptions writes down: one place for each flag. */
class JibConfigurationTest {

    private static final String JIB_CONTAINER = "/project/profiles/profile[id='images']/build/plugins/plugin"
            + "[artifactId='jib-maven-plugin']/configuration/container";

    @Test
    void theImagesJvmFlagsAreJvmOptionsInContainer() throws Exception {
        NodeList flags = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate(JIB_CONTAINER + "/jvmFlags/jvmFlag", parentPom(), XPathConstants.NODESET);
        List<String> configured = new ArrayList<>();
        for (int i = 0; i < flags.getLength(); i++) {
            configured.add(flags.item(i).getTextContent().trim());
        }

        assertThat(configured).containsExactlyElementsOf(JvmOptions.inContainer());
    }

    @Test
    void theImagesHeapShareIsJvmOptionsContainerHeap() throws Exception {
        String toolOptions = XPathFactory.newInstance().newXPath()
                .evaluate(JIB_CONTAINER + "/environment/JAVA_TOOL_OPTIONS", parentPom()).trim();

        assertThat(toolOptions).isEqualTo(JvmOptions.CONTAINER_HEAP);
    }

    private static Document parentPom() throws Exception {
        // Surefire runs in the module's folder; the parent pom is the repository's.
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("..", "pom.xml").toFile());
    }
}

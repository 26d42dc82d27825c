package kernellab.runner.internal.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The report formats on a small grade: Gradescope's documented fields, JUnit XML that an XML parser reads as surefire's format. */
class ReportFormatTest {

    private static final GradeReport REPORT = new GradeReport("lab.MyWrr", "my.ini", 12.5, 30, 1234, List.of(
            new GradeReport.ScenarioResult("policy", "Policy 7", 10, 10, true,
                    List.of(new GradeReport.Check("the default weight is 10", true, "returned 10")), null, 400),
            new GradeReport.ScenarioResult("placement", "Placement <fork>", 2.5, 20, false,
                    List.of(new GradeReport.Check("every CPU used", true, "all used"),
                            new GradeReport.Check("placement: ties by thread group", false, "went to CPU 2 & not 1")), null, 800)));

    @Test
    void theTableShowsFailedChecksUnderTheirScenario() {
        assertEquals("""
                Lab check of lab.MyWrr (rubric: my.ini)

                SCENARIO          POINTS  RESULT
                policy           10 / 10  pass
                placement      2.50 / 20  FAIL
                    - placement: ties by thread group: went to CPU 2 & not 1
                TOTAL         12.50 / 30
                """, ReportFormat.TEXT.write(REPORT));
    }

    @Test
    void gradescopeResultsHaveTheDocumentedFields() {
        JsonObject root = JsonParser.parseString(ReportFormat.GRADESCOPE.write(REPORT)).getAsJsonObject();
        assertEquals(Set.of("score", "execution_time", "output", "visibility", "tests"), root.keySet());
        assertEquals(12.5, root.get("score").getAsDouble());
        assertEquals(1, root.get("execution_time").getAsInt(), "whole seconds");
        assertEquals("visible", root.get("visibility").getAsString());
        JsonArray tests = root.getAsJsonArray("tests");
        assertEquals(2, tests.size());
        for (JsonElement t : tests) {
            assertEquals(new TreeSet<>(Set.of("name", "score", "max_score", "status", "output", "visibility")),
                    new TreeSet<>(t.getAsJsonObject().keySet()));
        }
        JsonObject placement = tests.get(1).getAsJsonObject();
        assertEquals("Placement <fork> [placement]", placement.get("name").getAsString());
        assertEquals(2.5, placement.get("score").getAsDouble());
        assertEquals(20.0, placement.get("max_score").getAsDouble());
        assertEquals("failed", placement.get("status").getAsString());
        assertEquals("FAIL placement: ties by thread group: went to CPU 2 & not 1\nok   every CPU used: all used",
                placement.get("output").getAsString());
        assertEquals("passed", tests.get(0).getAsJsonObject().get("status").getAsString());
    }

    @Test
    void junitXmlIsATestSuiteWithOneCasePerScenario() throws Exception {
        String xml = ReportFormat.JUNIT.write(REPORT);
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="kernellab.grade.lab.MyWrr" tests="2" failures="1" errors="0" skipped="0" time="1.234">
                  <properties>
                    <property name="score" value="12.50"/>
                    <property name="max_score" value="30"/>
                  </properties>
                  <testcase classname="kernellab.grade" name="policy" time="0.400"/>
                  <testcase classname="kernellab.grade" name="placement" time="0.800">
                    <failure message="placement: ties by thread group: went to CPU 2 &amp; not 1" type="kernellab.grade.RuleViolated">2.50 / 20
                FAIL placement: ties by thread group: went to CPU 2 &amp; not 1
                ok   every CPU used: all used</failure>
                  </testcase>
                </testsuite>
                """, xml);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = d.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        NodeList failures = ((Element) cases.item(1)).getElementsByTagName("failure");
        assertEquals("placement: ties by thread group: went to CPU 2 & not 1", ((Element) failures.item(0)).getAttribute("message"));
    }
}

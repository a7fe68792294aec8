package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionShapeTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "1+1 | true",
            "x | true",
            "x = 5 | true",
            "a[3] | true",
            "a < b | true",
            "i < 10 && j > 2 | true",
            "Collections.<String>emptyList() | true",
            "System.out.println(\"hi\") | true",
            "LeNet5.builder().seed(7).build() | true",
            "new int[3] | true",
            "\"text\".length() | true",
            "'c' | true",
            "(double) 3 | true",
            "-x | true",
            "++i | true",
            ".5 * 2 | true",
            "null | true",
            "// a comment first\\nmodel.summary() | true",
            "int x = 1; | false",
            "var y = 2; | false",
            "List<String> xs = List.of(); | false",
            "Map.Entry<String, int[]> e; | false",
            "String[] names = {}; | false",
            "String greet(String n) { return n; } | false",
            "void f() {} | false",
            "class A {} | false",
            "record P(int x) {} | false",
            "import java.util.*; | false",
            "for (int i = 0; i < 3; i++) {} | false",
            "if (true) {} | false",
            "{ int z = 1; } | false",
            "@Deprecated class B {} | false",
            "<T> T id(T t) { return t; } | false",
            "switch (k) { default -> {} } | false",
    })
    void tellsExpressionsFromDeclarationsAndStatements(String snippet, boolean expression) {
        assertEquals(expression, ExpressionShape.isExpression(snippet.replace("\\n", "\n")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1+1 | org.lenetlab.kernel.CellValue $cellValue$ = org.lenetlab.kernel.CellValue.of(() -> 1+1\\n);",
            "1+1;  | org.lenetlab.kernel.CellValue $cellValue$ = org.lenetlab.kernel.CellValue.of(() -> 1+1\\n);",
            "x // note | org.lenetlab.kernel.CellValue $cellValue$ = org.lenetlab.kernel.CellValue.of(() -> x // note\\n);",
    })
    void wrapsAnExpressionInOneDeclarationOnTheSameLines(String expression, String declaration) {
        assertEquals(declaration.replace("\\n", "\n"), JavaEvaluator.asValueDeclaration(expression));
    }
}

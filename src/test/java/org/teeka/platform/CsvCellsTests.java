package org.teeka.platform;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTests {

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+91 98765", "-2+3", "@SUM(A1:A2)", "\t=1+2", "\r=1+2", "\uFF1D1+2", "=HYPERLINK(\"http://x\")"})
    void prefixesACellASpreadsheetWouldRunAsAFormula(String cell) {
        assertThat(CsvCells.safe(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sunita Devi", "सुनीता देवी", "2", "a=b", " =1+2"})
    void leavesOtherCellsAlone(String cell) {
        assertThat(CsvCells.safe(cell)).isEqualTo(cell);
    }

    @Test
    void keepsEmptyCellsEmpty() {
        assertThat(CsvCells.safe((String) null)).isNull();
        assertThat(CsvCells.safe("")).isEmpty();
        assertThat(CsvCells.safe("=a", null, "b")).containsExactly("'=a", null, "b");
    }
}

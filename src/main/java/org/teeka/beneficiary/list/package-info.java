/**
 * Reading list files (CSV and XLSX) and checking them as a whole. {@link org.teeka.beneficiary.list.CsvTable}
 * and {@link org.teeka.beneficiary.list.ListFileException} are open to other modules' uploads.
 */
@org.springframework.modulith.NamedInterface("list")
package org.teeka.beneficiary.list;

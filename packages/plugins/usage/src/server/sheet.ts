import ExcelJS from 'exceljs';

export interface Sheet {
  name: string;
  headers: string[];
  rows: (string | number)[][];
}

/**
 * Writes a sheet as .xlsx or .csv with exceljs (one library for both: the same cells, the same
 * quoting rules). Numbers stay numbers in the workbook.
 */
export async function writeSheet(sheet: Sheet, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'RTC Console';
  const ws = workbook.addWorksheet(sheet.name);
  ws.addRow(sheet.headers);
  ws.getRow(1).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row);
  ws.columns.forEach((col, i) => {
    col.width = Math.min(40, Math.max(10, sheet.headers[i]?.length ?? 10) + 2);
  });
  const data = format === 'xlsx' ? await workbook.xlsx.writeBuffer() : await workbook.csv.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

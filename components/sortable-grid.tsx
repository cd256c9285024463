'use client';

import {
  DataGrid,
  DataGridBody,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  type DataGridProps,
  type TableColumnDefinition,
  type TableColumnId,
} from '@fluentui/react-components';

/** Props of {@link SortableGrid}. */
export interface SortableGridProps<T extends { id: string }> {
  items: readonly T[];
  columns: TableColumnDefinition<T>[];
  /** The column sorted ascending on first render. */
  sortColumn: TableColumnId;
  columnSizingOptions: DataGridProps['columnSizingOptions'];
  /** The grid's accessible name (specs find it by this). */
  label: string;
}

/** The portal's tables: a Fluent DataGrid sortable by its columns, resizable, rows keyed by ARM id. */
export function SortableGrid<T extends { id: string }>({ items, columns, sortColumn, columnSizingOptions, label }: SortableGridProps<T>) {
  // Fluent sizes resizable columns to the width of the grid's parent element, measured border to
  // border (padding included). Inside the padded <main> that made the grid one padding wider than
  // the page: a sideways scrollbar at 1280 px. A bare wrapper's width is the room there really is.
  return (
    <div>
      <DataGrid
        items={[...items]}
        columns={columns}
        sortable
        defaultSortState={{ sortColumn, sortDirection: 'ascending' }}
        getRowId={(row: T) => row.id}
        resizableColumns
        columnSizingOptions={columnSizingOptions}
        aria-label={label}
      >
        <DataGridHeader>
          <DataGridRow>{({ renderHeaderCell }) => <DataGridHeaderCell>{renderHeaderCell()}</DataGridHeaderCell>}</DataGridRow>
        </DataGridHeader>
        <DataGridBody<T>>
          {({ item, rowId }) => <DataGridRow<T> key={rowId}>{({ renderCell }) => <DataGridCell>{renderCell(item)}</DataGridCell>}</DataGridRow>}
        </DataGridBody>
      </DataGrid>
    </div>
  );
}

/** The usage charts' series colours, in series order (the console's blue first). */
export const CHART_COLORS = ['#1d6fdc', '#13a8a8', '#f0a020', '#d03050', '#7e57c2', '#2f9e44', '#e8590c', '#5c7cfa', '#c2255c', '#0b7285', '#868e96', '#a61e4d', '#364fc7'];

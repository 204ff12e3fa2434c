import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';

/**
 * A chart's data as a table (the accessible fallback), collapsed under the chart; mounted when
 * opened, so a long history costs nothing until someone asks for it.
 * @internal
 */
export const ChartTable = ({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}) => (
  <Accordion
    disableGutters
    variant="outlined"
    sx={{ mt: 1 }}
    TransitionProps={{ unmountOnExit: true }}
  >
    <AccordionSummary expandIcon={<ExpandMoreIcon />}>
      <Typography variant="body2">Data as a table</Typography>
    </AccordionSummary>
    <AccordionDetails sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={caption}>
        <caption>{caption}</caption>
        <TableHead>
          <TableRow>
            {columns.map(c => (
              <TableCell key={c} component="th" scope="col">
                {c}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row, i) => (
            <TableRow key={i}>
              {row.map((cell, j) => (
                <TableCell
                  key={j}
                  {...(j === 0 ? { component: 'th', scope: 'row' } : {})}
                >
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </AccordionDetails>
  </Accordion>
);

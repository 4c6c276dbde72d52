// A Modbus TCP server on node modbus-serial's ServerTCP, the peer of ModbusSerialNodeIT.
//
// usage: node modbus_serial_server.js PORT [UNIT_ID] [LIFETIME_SECONDS]
//
// Serves the image all server peers of the interop tests share (the C libmodbus_server.c serves the same):
//
//   4000 coils             coil i             = (i % 3 == 0)
//   2000 discrete inputs   discrete input i   = (i % 2 == 1)
//    300 holding registers holding register i = 1000 + i
//    300 input registers   input register i   = 0xFFFF - i   (above 32767, so a signed/unsigned mix-up shows)
//
// Addresses past a table's end are answered with exception 02: the vector throws {modbusErrorCode: 2}, which is how
// modbus-serial turns a handler error into an exception response. Read Device Identification (43/14) answers
// vendor "camel-modbus interop", product code "modbus-serial ServerTCP", revision "8.0.25". UNIT_ID other than 0 makes the server ignore
// requests to other units, as modbus-serial does (0: answer every unit). Prints "LISTENING <port>" once it accepts
// connections, and a line per register write (coils arrive one at a time, so they are not logged). Exits when stdin
// closes (the test JVM died) or after LIFETIME_SECONDS (default 600), so a lost test run cannot leave it behind.
"use strict";

const ModbusRTU = require("modbus-serial");

const port = parseInt(process.argv[2], 10);
const unitID = parseInt(process.argv[3] || "0", 10);
const lifetime = parseInt(process.argv[4] || "600", 10);
if (!(port > 0 && port < 65536)) {
    console.error("usage: node modbus_serial_server.js PORT [UNIT_ID] [LIFETIME_SECONDS]");
    process.exit(2);
}

const coils = Array.from({ length: 4000 }, (_, i) => i % 3 === 0);
const discreteInputs = Array.from({ length: 2000 }, (_, i) => i % 2 === 1);
const holdingRegisters = Array.from({ length: 300 }, (_, i) => 1000 + i);
const inputRegisters = Array.from({ length: 300 }, (_, i) => 0xffff - i);

function check(table, address, count) {
    if (address < 0 || address + count > table.length) {
        throw { modbusErrorCode: 0x02, msg: "address " + address + " (+" + count + ") is outside the table" };
    }
}

const vector = {
    getCoil(address) {
        check(coils, address, 1);
        return coils[address];
    },
    getDiscreteInput(address) {
        check(discreteInputs, address, 1);
        return discreteInputs[address];
    },
    getHoldingRegister(address) {
        check(holdingRegisters, address, 1);
        return holdingRegisters[address];
    },
    getMultipleHoldingRegisters(address, length) {
        check(holdingRegisters, address, length);
        return holdingRegisters.slice(address, address + length);
    },
    getInputRegister(address) {
        check(inputRegisters, address, 1);
        return inputRegisters[address];
    },
    getMultipleInputRegisters(address, length) {
        check(inputRegisters, address, length);
        return inputRegisters.slice(address, address + length);
    },
    setCoil(address, value) {
        check(coils, address, 1);
        coils[address] = value;
    },
    setRegister(address, value) {
        check(holdingRegisters, address, 1);
        holdingRegisters[address] = value;
        console.log("holding register " + address + " = " + value);
    },
    readDeviceIdentification() {
        return { 0x00: "camel-modbus interop", 0x01: "modbus-serial ServerTCP", 0x02: "8.0.25" };
    },
    setRegisterArray(address, values) {
        check(holdingRegisters, address, values.length);
        values.forEach((v, i) => (holdingRegisters[address + i] = v));
        console.log("holding registers " + address + ".. = " + values.join(","));
    },
};

const server = new ModbusRTU.ServerTCP(vector, { host: "127.0.0.1", port: port, unitID: unitID || 255 });
server.on("initialized", () => console.log("LISTENING " + port));
server.on("serverError", (error) => {
    console.error("server error: " + error);
    process.exit(1);
});
server.on("socketError", (error) => console.error("socket error: " + error));
server.on("error", (error) => console.error("error: " + error));

process.stdin.on("end", () => {
    console.log("stdin closed, exiting");
    process.exit(0);
});
process.stdin.resume();
setTimeout(() => {
    console.log("lifetime of " + lifetime + " s is over, exiting");
    process.exit(0);
}, lifetime * 1000);
